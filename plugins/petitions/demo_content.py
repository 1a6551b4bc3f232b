"""The demo's petitions of each municipality, written in the site's language (a petition is
written in one language); the index and the topics also in English."""

INDEX = {
    "ternopil": {
        "slug": "petytsii",
        "slug_en": "petitions",
        "title": {"uk": "Електронні петиції", "en": "E-petitions"},
        "intro": {
            "uk": "Зверніться до міської ради з електронною петицією. Петицію, яка за 60 днів "
            "збере 1000 підписів, міська рада розглядає і публічно відповідає на неї.",
            "en": "Petition the city council online. A petition that collects 1,000 "
            "signatures within 60 days is considered by the council, which answers in public.",
        },
    },
    "banska-bystrica": {
        "slug": "peticie",
        "slug_en": "petitions",
        "title": {"sk": "Elektronické petície", "en": "E-petitions"},
        "intro": {
            "sk": "Obráťte sa na mesto elektronickou petíciou. Petíciu, ktorá za 90 dní "
            "získa 500 podpisov, mesto prerokuje a verejne na ňu odpovie.",
            "en": "Petition the city online. A petition that collects 500 signatures within "
            "90 days is considered by the city, which answers in public.",
        },
    },
    "levski": {
        "slug": "petitsii",
        "slug_en": "petitions",
        "title": {"bg": "Електронни петиции", "en": "E-petitions"},
        "intro": {
            "bg": "Обърнете се към общината с електронна петиция. Петиция, която събере 300 "
            "подписа за 60 дни, се разглежда от Общинския съвет и получава публичен отговор.",
            "en": "Petition the municipality online. A petition that collects 300 signatures "
            "within 60 days is considered by the municipal council, which answers in public.",
        },
    },
}

TOPICS = {
    "ternopil": [
        ("transport", {"uk": "Транспорт", "en": "Transport"}),
        ("environment", {"uk": "Довкілля", "en": "Environment"}),
        ("education", {"uk": "Освіта", "en": "Education"}),
        ("public-spaces", {"uk": "Благоустрій", "en": "Public spaces"}),
    ],
    "banska-bystrica": [
        ("transport", {"sk": "Doprava", "en": "Transport"}),
        ("environment", {"sk": "Životné prostredie", "en": "Environment"}),
        ("education", {"sk": "Školstvo", "en": "Education"}),
        ("public-spaces", {"sk": "Verejné priestranstvá", "en": "Public spaces"}),
    ],
    "levski": [
        ("transport", {"bg": "Транспорт", "en": "Transport"}),
        ("environment", {"bg": "Околна среда", "en": "Environment"}),
        ("education", {"bg": "Образование", "en": "Education"}),
        ("public-spaces", {"bg": "Благоустройство", "en": "Public spaces"}),
    ],
}

#: One petition per state. `share`: the part of the signatures needed that it has.
PETITIONS = {
    "ternopil": [
        {
            "state": "collecting",
            "topic": "transport",
            "share": 0.42,
            "title": "Велодоріжка по вулиці Руській до Старого парку",
            "text": "Щодня сотні тернополян їздять велосипедом до центру, але на вулиці "
            "Руській немає безпечної смуги: велосипедисти змушені їхати разом з "
            "автобусами або тротуаром.\n\nВиділена велодоріжка зробить дорогу безпечнішою "
            "для всіх і заохотить менше користуватися автомобілем.",
            "request": "Облаштувати виділену велодоріжку по вулиці Руській від Майдану Волі "
            "до Старого парку у 2027 році.",
        },
        {
            "state": "consideration",
            "topic": "environment",
            "share": 1.0,
            "title": "Роздільні контейнери для сміття в кожному дворі",
            "text": "Контейнери для пластику й скла стоять лише біля частини будинків, тож "
            "більшість мешканців не може сортувати відходи.\n\nМісто вже має домовленості з "
            "переробниками, бракує лише контейнерів.",
            "request": "Встановити контейнери для роздільного збору пластику, скла та паперу "
            "біля кожного багатоквартирного будинку до кінця наступного року.",
        },
        {
            "state": "overdue",
            "topic": "public-spaces",
            "share": 1.0,
            "title": "Громадські вбиральні на набережній Тернопільського ставу",
            "text": "На набережній щодня відпочивають тисячі людей, зокрема родини з дітьми, "
            "але поблизу немає жодної громадської вбиральні.",
            "request": "Облаштувати дві безкоштовні громадські вбиральні, доступні для людей "
            "з інвалідністю, на набережній Тернопільського ставу.",
        },
        {
            "state": "answered",
            "topic": "education",
            "share": 1.0,
            "title": "Укриття в кожній школі, щоб навчання не переривалося",
            "text": "Під час повітряних тривог діти в кількох школах спускаються до "
            "непристосованих підвалів, а уроки припиняються.",
            "request": "Облаштувати укриття, де можна продовжувати навчання, в усіх "
            "закладах загальної середньої освіти громади.",
            "answer": "Міська рада розглянула петицію. Облаштування укриттів у восьми "
            "школах включено до програми капітальних ремонтів на наступний рік; для решти "
            "закладів управління освіти до 1 березня підготує план робіт.",
        },
        {
            "state": "failed",
            "topic": "transport",
            "share": 0.18,
            "title": "Нічний тролейбусний маршрут у вихідні",
            "text": "Після 23:00 дістатися зі Сходу до центру можна лише таксі.",
            "request": "Запустити нічний тролейбусний маршрут у п'ятницю та суботу.",
        },
        {
            "state": "pending",
            "topic": "environment",
            "share": 0,
            "title": "Більше дерев на вулиці Живова",
            "text": "Вулиця Живова влітку розпікається: тіні майже немає.",
            "request": "Висадити алею дерев уздовж вулиці Живова.",
        },
        {
            "state": "refused",
            "topic": "public-spaces",
            "share": 0,
            "reason": "outside_powers",
            "title": "Змінити державний кордон області",
            "text": "Пропоную змінити межі області.",
            "request": "Змінити межі Тернопільської області.",
        },
    ],
    "banska-bystrica": [
        {
            "state": "collecting",
            "topic": "transport",
            "share": 0.35,
            "title": "Bezpečný priechod pre chodcov pri ZŠ Ďumbierska",
            "text": "Deti cestou do školy prechádzajú cez frekventovanú cestu bez "
            "priechodu.\n\nRodičia už niekoľkokrát žiadali aspoň dočasné riešenie.",
            "request": "Vybudovať osvetlený priechod pre chodcov so zvýšeným prahom pri "
            "Základnej škole na Ďumbierskej ulici.",
        },
        {
            "state": "consideration",
            "topic": "public-spaces",
            "share": 1.0,
            "title": "Pitné fontánky na Námestí SNP",
            "text": "V letných horúčavách na námestí chýba pitná voda pre ľudí aj pre psov.",
            "request": "Osadiť na Námestí SNP a v Mestskom parku aspoň tri pitné fontánky.",
        },
        {
            "state": "overdue",
            "topic": "environment",
            "share": 1.0,
            "title": "Zachovať zeleň na Tajovského ulici",
            "text": "Na Tajovského ulici sa plánuje výstavba parkoviska na mieste trávnika "
            "so vzrastlými stromami.",
            "request": "Zachovať zelenú plochu na Tajovského ulici a parkovisko umiestniť inde.",
        },
        {
            "state": "answered",
            "topic": "education",
            "share": 1.0,
            "title": "Dlhšia prevádzka mestskej knižnice",
            "text": "Študenti a pracujúci sa do knižnice nestihnú dostať pred 17:00.",
            "request": "Predĺžiť otváracie hodiny mestskej knižnice do 19:00 v pracovné dni.",
            "answer": "Mestské zastupiteľstvo petíciu prerokovalo. Od februára bude "
            "ústredná knižnica otvorená v utorok a vo štvrtok do 19:00; po polroku mesto "
            "vyhodnotí návštevnosť a rozhodne o ďalších dňoch.",
        },
        {
            "state": "failed",
            "topic": "transport",
            "share": 0.2,
            "title": "Nočný spoj na Sásovú",
            "text": "Po polnoci nejazdí na Sásovú žiadny spoj.",
            "request": "Zaviesť nočný autobusový spoj na Sásovú cez víkend.",
        },
        {
            "state": "pending",
            "topic": "public-spaces",
            "share": 0,
            "title": "Lavičky pozdĺž Hrona",
            "text": "Na nábreží Hrona je málo miest na oddych.",
            "request": "Osadiť lavičky pozdĺž cyklotrasy pri Hrone.",
        },
        {
            "state": "refused",
            "topic": "environment",
            "share": 0,
            "reason": "duplicate",
            "title": "Pitná voda na námestí",
            "text": "Na námestí nie je pitná voda.",
            "request": "Osadiť fontánku na Námestí SNP.",
        },
    ],
    "levski": [
        {
            "state": "collecting",
            "topic": "public-spaces",
            "share": 0.4,
            "title": "Нова детска площадка в кв. „Изток“",
            "text": "В квартал „Изток“ живеят много млади семейства, но най-близката "
            "детска площадка е на повече от километър.\n\nПредлагаме общината да "
            "използва празния общински терен до блок 5.",
            "request": "Да се изгради безопасна детска площадка на общинския терен до блок 5 "
            "в кв. „Изток“ през 2027 г.",
        },
        {
            "state": "consideration",
            "topic": "transport",
            "share": 1.0,
            "title": "Ремонт на улица „Христо Ботев“",
            "text": "Улицата е с дълбоки дупки и след дъжд е трудно проходима.",
            "request": "Да се включи основният ремонт на ул. „Христо Ботев“ в капиталовата "
            "програма на общината за следващата година.",
        },
        {
            "state": "overdue",
            "topic": "environment",
            "share": 1.0,
            "title": "Контейнери за разделно събиране във всички села",
            "text": "В селата на общината няма контейнери за разделно събиране на отпадъци.",
            "request": "Да се поставят контейнери за пластмаса и стъкло във всяко село на "
            "община Левски.",
        },
        {
            "state": "answered",
            "topic": "education",
            "share": 1.0,
            "title": "Училищен автобус за учениците от селата",
            "text": "Учениците от по-малките села пътуват до училище с редовни линии, "
            "които не съвпадат с учебните часове.",
            "request": "Да се осигури училищен автобус, съобразен с учебното разписание.",
            "answer": "Общинският съвет разгледа петицията. От втория учебен срок ще се "
            "движи училищен автобус по маршрут Малчика – Градище – Левски, съобразен с "
            "разписанието на СУ „Христо Ботев“.",
        },
        {
            "state": "failed",
            "topic": "public-spaces",
            "share": 0.25,
            "title": "Пейки в градския парк",
            "text": "В парка има твърде малко пейки за възрастните хора.",
            "request": "Да се поставят още двадесет пейки в градския парк.",
        },
        {
            "state": "pending",
            "topic": "transport",
            "share": 0,
            "title": "Велоалея до гарата",
            "text": "До гарата няма безопасен път за велосипедисти.",
            "request": "Да се изгради велоалея от центъра до жп гарата.",
        },
        {
            "state": "refused",
            "topic": "environment",
            "share": 0,
            "reason": "personal_data",
            "title": "Жалба срещу съсед",
            "text": "Петиция с името и адреса на съсед.",
            "request": "Да се накаже съседът.",
        },
    ],
}
