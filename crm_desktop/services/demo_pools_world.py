"""Demo-data pools for the UK, the US, Germany and the UAE, plus what every contact may carry.

Places are (city, region, postcode rule, landline area code); a postcode rule is a (low, high) range of
numbers, a tuple of ready codes, or for the UK a tuple of outward codes that get a random inward code.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in text.split())


GB_MALE = words("""Oliver George Harry Jack Jacob Charlie Thomas Oscar William James Henry Leo Alfie Joshua Freddie
Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Logan Theo Harrison Benjamin Mason
Sebastian Finley Adam Dylan Zachary Riley Teddy David Elijah Toby Louie Reuben Hugo Luca Matthew Harvey Michael
Jude Albert Tommy Ian Graham Neil Simon Paul Gareth Rhys Callum Euan Fraser""")
GB_FEMALE = words("""Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Evie Grace Sophia Charlotte Sophie Freya
Daisy Alice Florence Ivy Rosie Chloe Jessica Phoebe Ruby Matilda Millie Sienna Evelyn Harper Eva Esme Elsie
Imogen Maisie Lucy Holly Emma Hannah Scarlett Layla Eleanor Willow Lola Molly Erin Katie Bethany Gemma Claire
Fiona Siobhan Rhiannon Kirsty Joanne""")
GB_LAST = words("""Smith Jones Taylor Williams Brown Davies Evans Wilson Thomas Roberts Johnson Lewis Walker Robinson
Wood Thompson White Watson Jackson Wright Green Harris Cooper King Lee Martin Clarke James Morgan Hughes Edwards
Hill Moore Clark Harrison Scott Young Morris Hall Ward Turner Carter Phillips Mitchell Adams Campbell Anderson
Allen Cook Bailey Parker Miller Davis Murphy Price Bell Baker Griffiths Kelly Simpson Marshall Collins Bennett
Cox Richardson Fox Gray Rose Chapman Hunt Robertson Shaw Reynolds Lloyd Ellis Richards Russell Wilkinson Graham
Stewart Reid Murray Powell Palmer Holmes Rogers Stevens Walsh Hunter Thomson Matthews Ross Owen Knight Kennedy
Butler Saunders O'Brien O'Connor McDonald MacLeod""")
US_MALE = words("""James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel Matthew
Anthony Mark Donald Steven Andrew Paul Joshua Kenneth Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Carlos Luis Miguel Jose Wei Minh""")
US_FEMALE = words("""Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra
Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca Sharon Laura
Cynthia Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Maria Sofia Lucia Mei""")
US_LAST = words("""Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart
Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox
Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Myers Long Ross Foster Jiménez Núñez""")
DE_MALE = words("""Lukas Leon Finn Jonas Paul Felix Elias Noah Ben Luis Maximilian Henry Emil Anton Jakob Moritz
Niklas Tim Jan Tobias Stefan Michael Thomas Andreas Jürgen Klaus Wolfgang Uwe Dieter Matthias Sebastian Florian
Christian Markus Frank Jörg Björn Sören Günter Horst""")
DE_FEMALE = words("""Emma Mia Hannah Sofia Emilia Lina Marie Lea Clara Lena Leonie Anna Laura Julia Sarah Katharina
Sabine Petra Monika Ursula Birgit Claudia Susanne Andrea Stefanie Jana Franziska Lisa Johanna Charlotte Greta
Mathilda Jördis Käthe""")
DE_LAST = words("""Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz
Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang
Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz
Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Schumacher Krämer Vogt Stein Jäger Otto Sommer
Groß Seidel Heinrich Brandt Haas Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann""")
AE_MALE = words("""Mohammed Ahmed Abdullah Khalid Rashid Saeed Sultan Hamad Majid Omar Yousef Ibrahim Hamdan Mansour
Saif Obaid Faisal Tariq Nasser Hassan Juma Humaid Marwan Waleed""")
AE_FEMALE = words("""Fatima Mariam Aisha Noura Hessa Shamma Latifa Maitha Alia Salama Reem Sara Moza Amna Hind
Shaikha Meera Asma""")
AE_LAST = (
    "Al Mansoori", "Al Nuaimi", "Al Shamsi", "Al Mazrouei", "Al Suwaidi", "Al Falasi", "Al Ketbi", "Al Hashimi",
    "Al Marri", "Al Mheiri", "Al Zaabi", "Al Dhaheri", "Al Kaabi", "Al Hammadi", "Al Qassimi", "Al Muhairi",
    "Al Blooshi", "Al Ameri", "Al Rumaithi", "Al Shehhi", "Bin Sulayem", "Lootah", "Galadari", "Al Futtaim",
)  # fmt: skip

GB_CITIES = (
    ("London", "Greater London", ("E1", "E14", "E7", "N1", "NW1", "SE1", "SW1A", "SW11", "W1D", "UB1", "IG1"), "20"),
    ("Manchester", "Greater Manchester", ("M1", "M4", "M13", "M14", "M20"), "161"),
    ("Birmingham", "West Midlands", ("B1", "B5", "B11", "B12", "B21"), "121"),
    ("Leicester", "Leicestershire", ("LE1", "LE2", "LE4", "LE5"), "116"),
    ("Bradford", "West Yorkshire", ("BD1", "BD3", "BD7", "BD8"), "1274"),
    ("Leeds", "West Yorkshire", ("LS1", "LS6", "LS8"), "113"),
    ("Glasgow", "Scotland", ("G1", "G3", "G41"), "141"),
    ("Cardiff", "Wales", ("CF10", "CF24"), "29"),
    ("Luton", "Bedfordshire", ("LU1", "LU2"), "1582"),
)
GB_STREETS = words("""High_Street Church_Road Station_Road Victoria_Road Green_Lane Manor_Road Park_Road Queens_Road
Stratford_Road Wilmslow_Road Belgrave_Road The_Broadway Edgware_Road Whitechapel_Road Brick_Lane Green_Street
Ladypool_Road Soho_Road Leeds_Road""")
US_CITIES = (
    ("New York", "NY", (10001, 10282), "212"),
    ("Jersey City", "NJ", (7302, 7311), "201"),
    ("Chicago", "IL", (60601, 60661), "312"),
    ("Houston", "TX", (77001, 77099), "713"),
    ("Los Angeles", "CA", (90001, 90089), "213"),
    ("San Francisco", "CA", (94102, 94134), "415"),
    ("Edison", "NJ", (8817, 8820), "732"),
    ("Fremont", "CA", (94536, 94539), "510"),
    ("Dallas", "TX", (75201, 75254), "214"),
    ("Seattle", "WA", (98101, 98199), "206"),
    ("Boston", "MA", (2108, 2137), "617"),
    ("Atlanta", "GA", (30301, 30350), "404"),
)
US_STREETS = words("""Main_Street Oak_Avenue Devon_Avenue Oak_Tree_Road Broadway Park_Avenue Maple_Drive Elm_Street
Washington_Street Lexington_Avenue Hillcroft_Avenue Mission_Street Jackson_Heights_Boulevard Market_Street""")
DE_CITIES = (
    ("Berlin", "Berlin", (10115, 14199), "30"),
    ("Hamburg", "Hamburg", (20095, 22769), "40"),
    ("München", "Bayern", (80331, 81929), "89"),
    ("Frankfurt am Main", "Hessen", (60306, 60599), "69"),
    ("Köln", "Nordrhein-Westfalen", (50667, 51149), "221"),
    ("Stuttgart", "Baden-Württemberg", (70173, 70629), "711"),
    ("Düsseldorf", "Nordrhein-Westfalen", (40210, 40629), "211"),
    ("Leipzig", "Sachsen", (4103, 4357), "341"),
)
DE_STREETS = words("""Hauptstraße Bahnhofstraße Schillerstraße Goethestraße Gartenstraße Kaiserstraße Friedrichstraße
Lindenstraße Berliner_Straße Königsallee Sonnenallee Kantstraße Zeil Schloßstraße""")
AE_CITIES = (
    ("Dubai", "Dubai", ("",), "4"),
    ("Abu Dhabi", "Abu Dhabi", ("",), "2"),
    ("Sharjah", "Sharjah", ("",), "6"),
    ("Ajman", "Ajman", ("",), "6"),
)
AE_STREETS = words("""Sheikh_Zayed_Road Al_Rigga_Road Naif_Road Al_Karama Bur_Dubai Deira_Gold_Souk Business_Bay
Al_Quoz Jumeirah_Beach_Road Hamdan_Street Al_Wahda_Street King_Faisal_Street Al_Qasimia""")

LATIN_COMPANY_SUFFIXES = words("""Ltd Limited Trading Imports Wholesale Group Partners Foods Logistics Consulting
Textiles Supplies Holdings""")
DE_COMPANY_SUFFIXES = ("GmbH", "GmbH & Co. KG", "AG", "Handel", "Import Export")
AE_COMPANY_SUFFIXES = ("Trading LLC", "General Trading", "FZE", "Group", "Foodstuff Trading LLC")
LATIN_JOBS = (
    "Owner", "Director", "Managing Director", "Sales Manager", "Purchasing Manager", "Accountant",
    "Office Manager", "Buyer", "Operations Manager", "Chief Executive", "Marketing Manager", "Store Manager",
    "Procurement Lead", "Finance Director", "Business Development Manager", "Partner",
)  # fmt: skip
DE_JOBS = ("Geschäftsführer", "Geschäftsführerin", "Einkaufsleiter", "Vertriebsleiterin", "Inhaber", "Buchhalterin")
LATIN_NOTES = (
    "Prefers email over phone calls",
    "Met at the trade fair; follow up about the autumn catalogue",
    'Asked for "net 30" terms, agreed on 15 days',
    "Orders every quarter, usually in the first week",
    "Call back after Eid, the shop is closed until then",
    "Sample sent, waiting for feedback",
    "Good payer. Likes to negotiate, start 10% higher",
    "Referred by a friend from the Chamber of Commerce",
)  # fmt: skip
DE_NOTES = ("Bevorzugt Rückruf am Vormittag", "Rechnung bitte per E-Mail, Zahlungsziel 14 Tage", "Messekontakt Frankfurt")

TAGS = (
    "vip", "wholesale", "retail", "festival-card", "supplier", "eid-card", "diwali-card", "newsletter", "referral",
    "export", "local", "credit-hold", "new-season", "bulk-buyer",
)  # fmt: skip
SOURCES = (
    "referral", "website", "trade fair", "walk-in", "phone", "WhatsApp", "Facebook", "exhibition", "cold call",
    "existing customer", "email campaign", "",
)  # fmt: skip
WEBMAIL = {
    "PK": ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com"),
    "IN": ("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
    "LK": ("gmail.com", "yahoo.com", "sltnet.lk"),
    "GB": ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"),
    "US": ("gmail.com", "yahoo.com", "outlook.com", "aol.com"),
    "DE": ("gmx.de", "web.de", "t-online.de", "gmail.com"),
    "AE": ("gmail.com", "hotmail.com", "emirates.net.ae"),
}
COMPANY_TLD = {"PK": ".com.pk", "IN": ".in", "LK": ".lk", "GB": ".co.uk", "US": ".com", "DE": ".de", "AE": ".ae"}
