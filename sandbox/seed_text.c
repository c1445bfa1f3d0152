/* seed_text.c: word lists for the seeded data (see seed_text.h). */
#include "config.h"

#include "seed_text.h"
#include "util.h"

#define LIST(name, ...) \
    const char *const name[] = { __VA_ARGS__ }; \
    const size_t name##_count = ARRAY_LEN(name)

static const char *const latin_first[] = {
    "James", "Maria", "José", "Zoë", "Björn", "Łukasz", "François", "Søren", "Ana",
    "Chloé", "Mateus", "Ingrid", "Olivia", "Noah", "Emma", "Liam", "Sofía", "Jürgen",
    "Dvořák", "Ægir", "Siobhán", "Nguyễn Thị", "Ayşe", "Çağrı", "Håkon", "Małgorzata",
    "Renée", "Thiago", "Priya", "Daniel", "Grace", "Samuel", "Fatoumata", "Kwame",
};
static const char *const latin_last[] = {
    "Smith", "García", "Müller", "Øster", "Kowalczyk", "Lefèvre", "Nuñez", "O'Brien",
    "Johansson", "Rossi", "Dubois", "Nakamura", "Silva", "Ivanović", "Ślusarczyk",
    "Brontë", "Van der Berg", "Ní Bhriain", "Şahin", "Đorđević", "Johnson", "Williams",
    "Brown", "Taylor", "Anderson", "Okafor", "Mensah", "Fernández-López",
};
static const char *const cjk_first[] = { "伟", "芳", "秀英", "健太", "さくら", "翔", "지훈", "서연", "美咲" };
static const char *const cjk_last[] = { "王", "李", "张", "佐藤", "鈴木", "高橋", "김", "이", "박" };
static const char *const arabic_first[] = { "محمد", "فاطمة", "أحمد", "ليلى", "يوسف", "مريم" };
static const char *const arabic_last[] = { "العلي", "الحسن", "منصور", "حداد", "الخطيب" };
static const char *const cyrillic_first[] = { "Иван", "Ольга", "Дмитрий", "Анастасия", "Сергей", "Ёлка" };
static const char *const cyrillic_last[] = { "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов" };
static const char *const devanagari_first[] = { "अनिल", "प्रिया", "राहुल", "सुनीता", "विक्रम" };
static const char *const devanagari_last[] = { "शर्मा", "वर्मा", "पटेल", "गुप्ता", "सिंह" };
/* Decomposed letters: a base letter followed by combining marks. */
static const char *const combining_first[] = { "Zoe\xcc\x88", "Ame\xcc\x81lie", "Sti\xcc\x81na", "A\xcc\x8a""n\xcc\x83""a", "Ha\xcc\xa3\xcc\x82nh" };
static const char *const combining_last[] = { "Mu\xcc\x88ller", "Nun\xcc\x83""ez", "Le\xcc\x81vesque", "Tr\xe1\xba\xa7n" };
static const char *const emoji_first[] = { "Sam 🚀", "Alex 🌈", "Kai 🧑🏽‍💻", "Ren 🇯🇵" };
static const char *const emoji_last[] = { "Rivera", "Chen", "Okoye", "Lindqvist" };

#define POOL(first, last, weight) { first, ARRAY_LEN(first), last, ARRAY_LEN(last), weight }

const struct name_pool seed_name_pools[] = {
    POOL(latin_first, latin_last, 62),
    POOL(cjk_first, cjk_last, 9),
    POOL(arabic_first, arabic_last, 7),
    POOL(cyrillic_first, cyrillic_last, 7),
    POOL(devanagari_first, devanagari_last, 7),
    POOL(combining_first, combining_last, 5),
    POOL(emoji_first, emoji_last, 3),
};
const size_t seed_name_pool_count = ARRAY_LEN(seed_name_pools);

const struct city seed_cities[] = {
    { "Boston", "MA", "02108", "US" },
    { "Austin", "TX", "73301", "US" },
    { "Denver", "CO", "80202", "US" },
    { "Seattle", "WA", "98101", "US" },
    { "Chicago", "IL", "60601", "US" },
    { "Atlanta", "GA", "30303", "US" },
    { "Toronto", "ON", "M5H 2N2", "CA" },
    { "Montréal", "QC", "H2Y 1C6", "CA" },
    { "Amsterdam", "NH", "1012 JS", "NL" },
    { "München", "BY", "80331", "DE" },
    { "Kraków", "MA", "31-001", "PL" },
    { "東京", "13", "100-0001", "JP" },
    { "Москва", "MOW", "101000", "RU" },
    { "دبي", "DU", "00000", "AE" },
    { "मुंबई", "MH", "400001", "IN" },
    { "São Paulo", "SP", "01000-000", "BR" },
};
const size_t seed_city_count = ARRAY_LEN(seed_cities);

LIST(seed_job_titles,
    "Senior Software Engineer", "Registered Nurse", "Account Executive", "Data Analyst",
    "Warehouse Associate", "Marketing Manager", "Customer Success Lead", "DevOps Engineer",
    "Technical Recruiter", "Financial Controller", "Pflegefachkraft (m/w/d)",
    "Ingénieur logiciel confirmé", "ソフトウェアエンジニア", "Инженер-программист",
    "محاسب أول", "डेटा विश्लेषक", "Forklift Operator — Night Shift", "Chef de Cuisine",
    "Head of People & Culture", "Site Reliability Engineer (Remote, EMEA)");

LIST(seed_people_titles,
    "Recruiter", "Senior Recruiter", "Sourcer", "Hiring Manager", "Account Manager",
    "Talent Partner", "Office Manager", "Director of Talent", "人事担当", "Рекрутер");

LIST(seed_company_names,
    "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
    "Müller & Söhne GmbH", "株式会社サクラ", "ООО Вектор", "شركة النور", "टाटा सेवाएँ",
    "Café Olé S.A.", "Zoë's Bakery", "Northwind Traders", "Blue Harbor Hospital",
    "Fjällräven Outfitters AB", "Wayne Enterprises", "Hooli", "Łódź Software Sp. z o.o.");

LIST(seed_task_templates,
    "Call %s about the offer", "Schedule second interview with %s",
    "Send %s the contract for review", "Follow up on references for %s",
    "Review résumé from %s", "Chase background check for %s",
    "Book a phone screen with %s", "Ask %s for availability next week",
    "Confirm start date with %s", "Prepare interview feedback on %s",
    "Send rejection email to %s", "Check visa status for %s");

LIST(seed_task_plain,
    "Prepare the weekly pipeline report", "Clean up duplicate candidates",
    "Renew the job board subscription", "Update the careers page copy",
    "Réunion avec l'équipe — 会議 📅", "Проверить рекомендации до пятницы",
    "مراجعة السيرة الذاتية قبل المقابلة", "साक्षात्कार का समय तय करें",
    "候補者に連絡する", "Ship swag box 📦 to new hires 🎉",
    "Line one of a two-line task\nand its second line",
    "Spreadsheet import: check rows with the ﬁ ligature and the Zoe\xcc\x88 name");

LIST(seed_note_templates,
    "Spoke with %s. Interested, wants to hear back by Friday.",
    "Left a voicemail for %s.",
    "%s asked about relocation support and remote days.",
    "Emailed %s the job description and benefits summary.",
    "Texted %s to confirm the interview time.",
    "Met %s for coffee; strong communicator, light on SQL.",
    "%s declined: accepted a counter-offer.");

LIST(seed_note_plain,
    "Phone screen notes:\n- 5 years of Go and C\n- notice period: 1 month\n- salary expectation 95k\n\nNext: technical interview.",
    "Kandidat hat zugesagt. Übermorgen Vertrag schicken.",
    "面接は来週の火曜日に決まりました。",
    "Кандидат просит перенести собеседование на четверг.",
    "المرشح متاح للمقابلة يوم الأحد.",
    "उम्मीदवार ने अगले सप्ताह उपलब्धता की पुष्टि की।",
    "Great call 👍 — very keen, sent the 📎 portfolio afterwards.",
    "Notes with \"quotes\", a back\\slash, a tab\there and trailing spaces   ",
    "Line 1\r\nLine 2 (CRLF)\r\nLine 3",
    "Right-to-left mark \xe2\x80\x8f and zero-width joiner \xe2\x80\x8d inside text");

LIST(seed_hostile_strings,
    "\x1b[31mURGENT\x1b[0m call the candidate back",
    "Renamed\x1b]0;owned terminal title\x07 contact",
    "\x1b[2J\x1b[Hscreen cleared?",
    "Bell\x07 and backspace\x08\x08 and DEL\x7f",
    "Carriage\rreturn overwrites",
    "C1 control \xc2\x9b""31m via U+009B",
    "Cursor \x1b[10A\x1b[5Cjump",
    "Hyperlink \x1b]8;;http://127.0.0.1/\x1b\\click\x1b]8;;\x1b\\ here",
    "Form feed\x0c and vertical tab\x0b");

LIST(seed_skills,
    "C, Go, PostgreSQL", "Python, pandas, SQL", "Nursing, ICU, BLS", "Sales, CRM, negotiation",
    "Forklift licence, inventory", "Kubernetes, Terraform, AWS", "Excel, SAP, IFRS",
    "日本語, English", "Русский, English, Deutsch", "Recruiting, sourcing, LinkedIn");

LIST(seed_annotations,
    "Added candidate to pipeline: No Contact", "Status changed to Interviewing",
    "Status changed to Offered", "Status changed to Placed",
    "Email sent from the CATS mailer", "Candidate applied through the career portal");

LIST(seed_tag_roots, "Skills", "Source", "Status", "Location", "言語");

LIST(seed_tag_children,
    "Java", "C", "Python", "Nursing", "Referral", "LinkedIn", "Job fair", "Hot", "Do not contact",
    "Remote", "On site", "Boston", "Berlin", "日本語", "Русский", "العربية", "हिन्दी", "🔥 Priority");

LIST(seed_trigger_names,
    "Send interview confirmation", "Notify hiring manager", "Schedule onboarding",
    "Send rejection email", "Create follow-up task", "Request references",
    "Post to Slack #hiring", "Update payroll system", "Send offer letter", "Archive application");

LIST(seed_portal_names,
    "Main Careers Site", "Campus Hiring", "Nursing Careers", "Internal Jobs", "Karriere (DE)",
    "採用情報");

LIST(seed_reasons_for_leaving,
    "Career advancement", "Relocation", "Contract ended", "Company closed",
    "Better compensation", "Went back to school", "Layoffs");

LIST(seed_sources, "Career Portal", "LinkedIn", "Referral", "Indeed", "Job fair", "Agency");

LIST(seed_lorem,
    "The candidate walked through three years of on-call work and the incident reviews that followed.",
    "We discussed the team structure, the release process and how code review works in practice.",
    "Compensation expectations are in line with the band, but equity matters to them.",
    "They asked good questions about the roadmap and the hiring plan for next year.",
    "References from the previous two employers were positive and specific.",
    "Availability: two weeks' notice, can start remotely before relocating.",
    "Concerns: limited exposure to large codebases; suggest a pairing exercise.",
    "Le candidat parle couramment français et anglais, et un peu d'allemand.",
    "技術面接では設計の説明が明確で、質問にも丁寧に答えていました。",
    "Обсудили график работы, командировки и условия испытательного срока.");
