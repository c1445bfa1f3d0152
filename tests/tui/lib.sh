# lib.sh: shell helpers for the terminal tests, which drive cats-admin in tmux.
