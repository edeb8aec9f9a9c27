/**
 * Word lists for the demo data. Everything here is invented: place names, firms and people are fictional, and
 * the topic texts are generic council business. Placeholders in braces (`{ort}`, `{summe}` …) are filled by
 * `fillTemplate` in text.ts. Every character must be encodable in WinAnsi (the PDFs use Helvetica without
 * embedding); a test checks that.
 */

/** Appears inside exactly one public PDF (an attachment) and in no title, text column or other PDF. */
export const pdfOnlySearchWord = 'Amphibienleitanlage';

/** Appears only in non-public content: agenda items and papers of the N part and their PDFs. */
export const nonPublicCanaryWord = 'Quendelhorst';

export type Area = 'finanzen' | 'bau' | 'umwelt' | 'schule' | 'kultur' | 'pruefung' | 'feuerwehr' | 'soziales';

export const femaleGivenNames = [
  'Anja',
  'Andrea',
  'Angelika',
  'Barbara',
  'Birgit',
  'Brigitte',
  'Carina',
  'Christiane',
  'Claudia',
  'Daniela',
  'Doris',
  'Elke',
  'Eva',
  'Franziska',
  'Gabriele',
  'Heike',
  'Ines',
  'Jana',
  'Jutta',
  'Karin',
  'Kerstin',
  'Lena',
  'Maren',
  'Marion',
  'Melanie',
  'Monika',
  'Nicole',
  'Petra',
  'Renate',
  'Sabine',
  'Sandra',
  'Silke',
  'Simone',
  'Stefanie',
  'Susanne',
  'Tanja',
  'Ursula',
  'Verena',
  'Yvonne',
  'Jülide',
];

export const maleGivenNames = [
  'Andreas',
  'Bernd',
  'Björn',
  'Christian',
  'Daniel',
  'Dieter',
  'Dirk',
  'Erik',
  'Frank',
  'Georg',
  'Gerhard',
  'Günter',
  'Hans-Peter',
  'Harald',
  'Holger',
  'Jan',
  'Jörg',
  'Jürgen',
  'Karl-Heinz',
  'Klaus',
  'Lars',
  'Manfred',
  'Markus',
  'Martin',
  'Matthias',
  'Michael',
  'Norbert',
  'Oliver',
  'Patrick',
  'Ralf',
  'Reiner',
  'Sebastian',
  'Stefan',
  'Sven',
  'Thomas',
  'Torsten',
  'Ulrich',
  'Volker',
  'Werner',
  'Yusuf',
];

export const familyNames = [
  'Ackermann',
  'Althaus',
  'Bäcker',
  'Bergmann',
  'Böhmer',
  'Brandscheid',
  'Dörr',
  'Eckhoff',
  'Engelhardt',
  'Faßbender',
  'Fröhlich',
  'Gärtner',
  'Geisler',
  'Görgen',
  'Hahnfeld',
  'Heinemann',
  'Hofmeister',
  'Jäckel',
  'Junker',
  'Kaltenborn',
  'Kessler',
  'Klöckner',
  'Kramer',
  'Kühn',
  'Lange',
  'Leinweber',
  'Lorenz',
  'Mähler',
  'Marx',
  'Meurer',
  'Münch',
  'Nöthen',
  'Oster',
  'Pfaff',
  'Pütz',
  'Reuter',
  'Riedel',
  'Rösner',
  'Sauerborn',
  'Schäfer',
  'Scheuer',
  'Schmitz',
  'Schönberg',
  'Seibel',
  'Spies',
  'Stöhr',
  'Thelen',
  'Trapp',
  'Ueberall',
  'Vogt',
  'Wagner',
  'Weißenfels',
  'Wendling',
  'Wirtz',
  'Yilmaz',
  'Zander',
  'Zimmer',
  'Özdemir',
  'Kowalski',
  'Nowak',
];

export const streetNames = [
  'Hauptstraße',
  'Mühlweg',
  'Schulstraße',
  'Am Lindenhain',
  'Kirchgasse',
  'Bachstraße',
  'Wiesenweg',
  'Talstraße',
  'Am Sportplatz',
  'Gartenstraße',
  'Im Großen Garten',
  'Brunnenstraße',
  'Ringstraße',
  'Auf der Höhe',
  'Feldstraße',
  'Am Weiher',
  'Sonnenstraße',
  'Bergstraße',
  'Hohlweg',
  'Zum Eichwäldchen',
];

/** Field names for development plans and parcels ("Gewann"). */
export const fieldNames = [
  'Am Sonnenhang',
  'Hinter den Gärten',
  'Kirchwiese',
  'Auf der Heide',
  'Mühlenacker',
  'Im Lehen',
  'Steinrausch',
  'Am Rabenkopf',
  'Langgewann',
  'Unter der Linde',
];

export const kitaNames = ['Regenbogen', 'Sonnenschein', 'Pusteblume', 'Kunterbunt', 'Zwergenland', 'Löwenzahn'];

export const brookNames = ['Erlenbach', 'Mühlbach', 'Hollerbach', 'Schwarzbach', 'Wiesbach'];

export const publicFirms = [
  'Ingenieurbüro Brandt + Kollegen',
  'Planungsbüro Stadt & Land Hellweg',
  'Architekturbüro Kaltenbach',
  'Büro für Landschaftsplanung Grünwerk',
  'Ingenieurgesellschaft Lahr & Siebert',
];

export interface CostLine {
  label: string;
  min: number;
  max: number;
}

export interface TopicTemplate {
  title: string;
  area: Area;
  facts: readonly string[];
  proposal: string;
  costs?: readonly CostLine[];
  /** The committee decides on its own (e.g. municipal consent to building applications) instead of the council. */
  committeeDecides?: boolean;
  /** Builds a sub-item under this heading rather than a top-level item. */
  group?: string;
}

/** Beschlussvorlagen prepared by the administration. */
export const resolutionTopics: readonly TopicTemplate[] = [
  {
    title: 'Haushaltssatzung und Haushaltsplan für das Haushaltsjahr {jahr+1}',
    area: 'finanzen',
    facts: [
      'Der Entwurf der Haushaltssatzung mit Haushaltsplan für das Haushaltsjahr {jahr+1} wurde am {datum} in die Beratung eingebracht. Der Ergebnishaushalt weist ordentliche Erträge von {summe} aus; der Ausgleich gelingt nur unter Einsatz von Rücklagen.',
      'Die größten Aufwandspositionen sind die Umlagen an den Landkreis, die Personalaufwendungen sowie die Unterhaltung von Schulen, Straßen und Gebäuden. Im Finanzhaushalt sind Investitionen unter anderem für den Breitbandausbau und die Sanierung von Schulgebäuden veranschlagt.',
      'Die Hebesätze bleiben unverändert. Kredite für Investitionen werden in Höhe von 850.000 € festgesetzt, der Höchstbetrag der Liquiditätskredite auf 2.500.000 €.',
    ],
    proposal:
      '{rat_nom} beschließt die Haushaltssatzung mit Haushaltsplan für das Haushaltsjahr {jahr+1} in der vorliegenden Fassung einschließlich des Stellenplans.',
    costs: [
      { label: 'Personalaufwendungen', min: 2_400_000, max: 3_600_000 },
      { label: 'Sach- und Dienstleistungen', min: 1_100_000, max: 1_900_000 },
      { label: 'Umlagen an den Landkreis', min: 2_800_000, max: 4_200_000 },
      { label: 'Investitionen', min: 900_000, max: 2_100_000 },
    ],
  },
  {
    title: 'Bau eines Regenrückhaltebeckens im Gewerbegebiet {ort}',
    area: 'umwelt',
    facts: [
      'Bei den Starkregenereignissen der vergangenen Jahre ist das Kanalnetz im Gewerbegebiet {ort} mehrfach überlastet worden. Das {buero} hat im Auftrag der Verwaltung eine hydraulische Berechnung erstellt und den Bau eines Regenrückhaltebeckens mit einem Speichervolumen von rund 1.800 m³ empfohlen.',
      'Das Becken soll als offenes Erdbecken mit Drosselbauwerk auf dem gemeindeeigenen Grundstück nördlich der {strasse} entstehen. Für die Maßnahme kann eine Förderung aus dem Landesprogramm zur Starkregenvorsorge in Höhe von bis zu 60 % beantragt werden.',
    ],
    proposal:
      '{rat_nom} stimmt der Entwurfsplanung für das Regenrückhaltebecken im Gewerbegebiet {ort} zu und beauftragt die Verwaltung, den Förderantrag zu stellen und die Bauleistungen auszuschreiben.',
    costs: [
      { label: 'Erdarbeiten und Beckenbau', min: 280_000, max: 420_000 },
      { label: 'Drosselbauwerk und Zulaufkanal', min: 90_000, max: 160_000 },
      { label: 'Baunebenkosten (Planung, Gutachten)', min: 45_000, max: 80_000 },
    ],
  },
  {
    title: 'Breitbandausbau in den Ortsgemeinden – Kooperationsvereinbarung mit dem Landkreis',
    area: 'bau',
    facts: [
      'Im Rahmen des geförderten Breitbandausbaus sollen alle bislang unterversorgten Adressen mit Glasfaser bis ins Gebäude erschlossen werden. Nach der Markterkundung sind im Gebiet noch 412 Adressen förderfähig, davon 38 in {ort}.',
      'Der Landkreis übernimmt als Projektträger die Ausschreibung und Abwicklung. Der Eigenanteil der Kommune beträgt 10 % der förderfähigen Kosten und wird auf drei Haushaltsjahre verteilt. Die Kooperationsvereinbarung regelt Zuständigkeiten, Kostenanteile und Berichtspflichten.',
    ],
    proposal:
      '{rat_nom} stimmt dem Abschluss der Kooperationsvereinbarung zum Breitbandausbau mit dem Landkreis zu und stellt die Mittel für den Eigenanteil bereit.',
    costs: [
      { label: 'Eigenanteil Breitbandausbau {jahr}', min: 60_000, max: 110_000 },
      { label: 'Eigenanteil Breitbandausbau {jahr+1}', min: 60_000, max: 110_000 },
      { label: 'Eigenanteil Breitbandausbau {jahr+2}', min: 30_000, max: 70_000 },
    ],
  },
  {
    title: 'Sanierung der Grundschule {ort} – Dach und energetische Ertüchtigung',
    area: 'schule',
    facts: [
      'Das Dach der Grundschule {ort} stammt aus dem Jahr 1974 und ist an mehreren Stellen undicht. Eine Untersuchung durch das {buero} hat zudem ergeben, dass die Dämmung der obersten Geschossdecke nicht mehr den heutigen Anforderungen entspricht.',
      'Vorgeschlagen wird eine Sanierung in den Sommerferien {jahr+1} mit neuer Dachabdichtung, Aufsparrendämmung und dem Einbau einer Photovoltaikanlage mit 29,6 kWp. Der Schulbetrieb wird dadurch nicht beeinträchtigt.',
    ],
    proposal:
      '{rat_nom} beschließt die Sanierung des Daches der Grundschule {ort} einschließlich der energetischen Ertüchtigung und beauftragt die Verwaltung mit der Ausschreibung.',
    costs: [
      { label: 'Dachabdichtung und Dämmung', min: 240_000, max: 390_000 },
      { label: 'Photovoltaikanlage 29,6 kWp', min: 38_000, max: 52_000 },
      { label: 'Gerüst und Baustelleneinrichtung', min: 18_000, max: 32_000 },
      { label: 'Planung und Bauleitung', min: 35_000, max: 60_000 },
    ],
  },
  {
    title: 'Beschaffung eines Hilfeleistungslöschfahrzeugs HLF 10 für die Feuerwehr {ort}',
    area: 'feuerwehr',
    facts: [
      'Das Löschgruppenfahrzeug der Feuerwehr {ort} ist 31 Jahre alt; Ersatzteile sind kaum noch zu beschaffen. Der Feuerwehrbedarfsplan sieht die Ersatzbeschaffung durch ein Hilfeleistungslöschfahrzeug HLF 10 vor.',
      'Die Beschaffung soll über eine europaweite Ausschreibung in drei Losen (Fahrgestell, Aufbau, Beladung) erfolgen. Das Land gewährt eine Zuwendung von voraussichtlich 96.000 €.',
    ],
    proposal:
      '{rat_nom} beschließt die Ersatzbeschaffung eines HLF 10 für die Feuerwehr {ort} und ermächtigt die Verwaltung zur Durchführung des Vergabeverfahrens.',
    costs: [
      { label: 'Fahrgestell', min: 120_000, max: 160_000 },
      { label: 'Feuerwehrtechnischer Aufbau', min: 190_000, max: 240_000 },
      { label: 'Beladung', min: 60_000, max: 90_000 },
    ],
  },
  {
    title: 'Bebauungsplan „{flur}“ in {ort} – Aufstellungsbeschluss',
    area: 'bau',
    facts: [
      'Für das Gebiet „{flur}“ am östlichen Ortsrand von {ort} liegen mehrere Anfragen nach Bauplätzen vor. Der Flächennutzungsplan stellt die Fläche als Wohnbaufläche dar. Ein Bebauungsplan soll die geordnete städtebauliche Entwicklung sichern.',
      'Geplant sind etwa 24 Baugrundstücke für Einzel- und Doppelhäuser. Die Erschließung soll über die {strasse} erfolgen. Das {buero} hat einen ersten städtebaulichen Entwurf vorgelegt.',
    ],
    proposal:
      '{rat_nom} beschließt die Aufstellung des Bebauungsplans „{flur}“ in {ort} gemäß § 2 Abs. 1 BauGB. Der Beschluss ist ortsüblich bekannt zu machen.',
    costs: [
      { label: 'Planungsleistungen Bebauungsplan', min: 28_000, max: 45_000 },
      { label: 'Fachgutachten (Artenschutz, Schall)', min: 9_000, max: 18_000 },
    ],
  },
  {
    title: 'Bebauungsplan „{flur}“ – Abwägung der Stellungnahmen und Satzungsbeschluss',
    area: 'bau',
    facts: [
      'Der Entwurf des Bebauungsplans „{flur}“ hat in der Zeit vom {datum} an einen Monat öffentlich ausgelegen. Parallel wurden die Behörden und sonstigen Träger öffentlicher Belange beteiligt. Es gingen 11 Stellungnahmen ein, davon 3 aus der Öffentlichkeit.',
      'Die Stellungnahmen betreffen vor allem die Entwässerung, den Verkehrslärm der {strasse} sowie den Erhalt einer Streuobstwiese. Die Abwägungsvorschläge sind in der Anlage zusammengestellt. Wesentliche Änderungen der Planung ergeben sich daraus nicht.',
    ],
    proposal:
      '{rat_nom} beschließt die Abwägung der eingegangenen Stellungnahmen entsprechend den Vorschlägen der Verwaltung und den Bebauungsplan „{flur}“ gemäß § 10 BauGB als Satzung.',
  },
  {
    title: 'Festsetzung der Hebesätze für die Grundsteuer A und B ab {jahr+1}',
    area: 'finanzen',
    facts: [
      'Mit der Grundsteuerreform gelten ab dem 1. Januar {jahr+1} neue Messbeträge. Damit das Aufkommen insgesamt gleich bleibt (Aufkommensneutralität), müssen die Hebesätze angepasst werden. Das Finanzministerium hat hierzu aufkommensneutrale Hebesätze veröffentlicht.',
      'Die Verwaltung schlägt vor, die Grundsteuer A auf 345 v. H. und die Grundsteuer B auf 465 v. H. festzusetzen. Das erwartete Aufkommen liegt damit bei {summe}.',
    ],
    proposal:
      '{rat_nom} setzt die Hebesätze ab dem Haushaltsjahr {jahr+1} für die Grundsteuer A auf 345 v. H. und für die Grundsteuer B auf 465 v. H. fest.',
    costs: [
      { label: 'Aufkommen Grundsteuer A', min: 40_000, max: 90_000 },
      { label: 'Aufkommen Grundsteuer B', min: 600_000, max: 1_100_000 },
    ],
  },
  {
    title: 'Erweiterung der Kindertagesstätte „{kita}“ in {ort}',
    area: 'soziales',
    facts: [
      'Die Kindertagesstätte „{kita}“ ist mit 75 Plätzen voll belegt; die Warteliste umfasst derzeit 19 Kinder. Nach der Kita-Bedarfsplanung des Kreisjugendamts besteht ein zusätzlicher Bedarf von einer Gruppe mit 25 Plätzen.',
      'Das {buero} hat einen eingeschossigen Anbau mit Gruppenraum, Schlafraum und Sanitärbereich entworfen. Der Landkreis beteiligt sich mit einem Investitionskostenzuschuss.',
    ],
    proposal:
      '{rat_nom} stimmt der Erweiterung der Kindertagesstätte „{kita}“ in {ort} um eine Gruppe zu und beauftragt die Verwaltung mit der weiteren Planung.',
    costs: [
      { label: 'Anbau (Kostengruppen 300/400)', min: 520_000, max: 780_000 },
      { label: 'Außenanlagen', min: 40_000, max: 75_000 },
      { label: 'Ausstattung', min: 25_000, max: 45_000 },
    ],
  },
  {
    title: 'Digitale Ausstattung der Grundschulen – Beschaffung von Tablets und Präsentationstechnik',
    area: 'schule',
    facts: [
      'Aus dem Förderprogramm zur Digitalisierung der Schulen stehen noch Mittel zur Verfügung. Die Schulleitungen haben Medienentwicklungspläne vorgelegt, die den Bedarf an Endgeräten und Präsentationstechnik beschreiben.',
      'Vorgesehen sind 96 Tablets mit Hüllen und Ladewagen sowie 12 interaktive Displays. Wartung und Support übernimmt der IT-Dienstleister des Schulträgers.',
    ],
    proposal:
      'Der Beschaffung der digitalen Ausstattung für die Grundschulen wird zugestimmt. Die Verwaltung wird beauftragt, die Leistungen auszuschreiben.',
    costs: [
      { label: 'Tablets mit Zubehör (96 Stück)', min: 48_000, max: 62_000 },
      { label: 'Interaktive Displays (12 Stück)', min: 42_000, max: 58_000 },
      { label: 'Netzwerk und Installation', min: 12_000, max: 22_000 },
    ],
  },
  {
    title: 'Schulbezirke der Grundschulen – Anpassung zum Schuljahr {jahr+1}/{jahr+2}',
    area: 'schule',
    committeeDecides: true,
    facts: [
      'Durch das Neubaugebiet in {ort} steigen die Schülerzahlen an der dortigen Grundschule deutlich. Die Nachbarschule in {ort2} hat freie Kapazitäten.',
      'Die Verwaltung schlägt vor, die Straßenzüge {strasse} und Am Lindenhain künftig dem Schulbezirk {ort2} zuzuordnen. Die Schülerbeförderung ist über die bestehende Buslinie gesichert.',
    ],
    proposal:
      'Der Ausschuss beschließt die Anpassung der Schulbezirke zum Schuljahr {jahr+1}/{jahr+2} entsprechend dem Vorschlag der Verwaltung.',
  },
  {
    title: 'Umrüstung der Straßenbeleuchtung auf LED-Technik in {ort}',
    area: 'umwelt',
    facts: [
      'In {ort} sind noch 214 Leuchten mit Natriumdampf-Hochdrucklampen in Betrieb. Durch die Umrüstung auf LED-Technik lässt sich der Stromverbrauch um rund 65 % senken.',
      'Die Maßnahme wird über die Kommunalrichtlinie des Bundes mit 25 % gefördert. Die Amortisationszeit beträgt nach Berechnung des Netzbetreibers etwa sieben Jahre.',
    ],
    proposal:
      '{rat_nom} beschließt die Umrüstung der Straßenbeleuchtung in {ort} auf LED-Technik und die Beantragung der Fördermittel.',
    costs: [
      { label: 'Leuchtenköpfe (214 Stück)', min: 85_000, max: 120_000 },
      { label: 'Montage und Hubsteiger', min: 22_000, max: 35_000 },
    ],
  },
  {
    title: 'Kommunale Wärmeplanung – Beauftragung eines Fachbüros',
    area: 'umwelt',
    facts: [
      'Nach dem Wärmeplanungsgesetz ist bis Mitte {jahr+2} eine kommunale Wärmeplanung aufzustellen. Sie umfasst eine Bestands- und Potenzialanalyse, ein Zielszenario sowie eine Umsetzungsstrategie.',
      'Die Verwaltung hat drei Angebote eingeholt. Das wirtschaftlichste Angebot hat die {buero} abgegeben. Die Kosten werden durch die Konnexitätszahlung des Landes weitgehend gedeckt.',
    ],
    proposal:
      '{rat_nom} beschließt die Aufstellung einer kommunalen Wärmeplanung und beauftragt die {buero} mit der Erarbeitung.',
    costs: [{ label: 'Honorar Wärmeplanung', min: 48_000, max: 76_000 }],
  },
  {
    title: 'Photovoltaikanlagen auf kommunalen Dächern – Prioritätenliste',
    area: 'umwelt',
    facts: [
      'Die Verwaltung hat alle kommunalen Gebäude auf ihre Eignung für Photovoltaik untersucht. Von 23 Dächern sind 9 aus statischer Sicht ohne Weiteres geeignet, darunter das Bürgerhaus {ort} und der Bauhof.',
      'Die Prioritätenliste berücksichtigt Eigenverbrauchsanteil, Dachzustand und Wirtschaftlichkeit. Mit den ersten drei Anlagen könnten jährlich rund 95.000 kWh Strom erzeugt werden.',
    ],
    proposal:
      '{rat_nom} stimmt der Prioritätenliste zu und beauftragt die Verwaltung, die ersten drei Anlagen im Haushaltsjahr {jahr+1} umzusetzen.',
    costs: [
      { label: 'PV-Anlage Bürgerhaus {ort}', min: 32_000, max: 48_000 },
      { label: 'PV-Anlage Bauhof', min: 26_000, max: 39_000 },
      { label: 'PV-Anlage Sporthalle', min: 41_000, max: 63_000 },
    ],
  },
  {
    title: 'Örtliches Hochwasser- und Starkregenvorsorgekonzept für {ort}',
    area: 'umwelt',
    facts: [
      'Das Land fördert die Erstellung örtlicher Hochwasser- und Starkregenvorsorgekonzepte mit 90 %. Grundlage sind Starkregengefahrenkarten, Ortsbegehungen und Bürgerworkshops.',
      'Für {ort} sind insbesondere die Hanglagen oberhalb der {strasse} und die Verdolung des {bach} zu betrachten. Das Konzept soll konkrete Maßnahmen mit Kostenschätzung benennen.',
    ],
    proposal:
      '{rat_nom} beschließt die Erstellung eines örtlichen Hochwasser- und Starkregenvorsorgekonzepts für {ort} und die Beantragung der Landesförderung.',
    costs: [{ label: 'Konzepterstellung einschließlich Beteiligung', min: 35_000, max: 58_000 }],
  },
  {
    title: 'Renaturierung des {bach} unterhalb von {ort}',
    area: 'umwelt',
    facts: [
      'Der {bach} ist auf einer Länge von 640 m begradigt und mit Sohlschalen befestigt. Im Rahmen der Aktion Blau Plus kann der Abschnitt naturnah umgestaltet werden.',
      'Vorgesehen sind die Entfernung der Sohlschalen, ein geschwungener Verlauf und Flachwasserzonen. Die benötigten Uferstreifen wurden bereits im Flurbereinigungsverfahren gesichert.',
    ],
    proposal:
      '{rat_nom} stimmt der Renaturierung des {bach} zu und beauftragt die Verwaltung mit der Ausführungsplanung.',
    costs: [
      { label: 'Erdbau und Gewässergestaltung', min: 110_000, max: 170_000 },
      { label: 'Bepflanzung und Ufersicherung', min: 25_000, max: 40_000 },
    ],
  },
  {
    title: 'Satzung über die Erhebung wiederkehrender Beiträge für Verkehrsanlagen – Änderung',
    area: 'finanzen',
    facts: [
      'Nach der Rechtsprechung des Oberverwaltungsgerichts ist die Abgrenzung der Abrechnungseinheiten regelmäßig zu überprüfen. Das {buero} hat die Abrechnungsgebiete neu bewertet.',
      'Die Änderungssatzung fasst die Abrechnungseinheiten {ort} und {ort2} zusammen und passt den Gemeindeanteil auf 30 % an. Für die Grundstückseigentümer ergeben sich im Durchschnitt geringere Jahresbeiträge.',
    ],
    proposal:
      '{rat_nom} beschließt die 2. Änderungssatzung zur Satzung über die Erhebung wiederkehrender Beiträge für Verkehrsanlagen in der vorliegenden Fassung.',
  },
  {
    title: 'Sanierung der Sporthalle {ort} – Bewilligung überplanmäßiger Aufwendungen',
    area: 'finanzen',
    facts: [
      'Bei der Sanierung der Sporthalle {ort} wurden unter dem Hallenboden Schadstoffe in der Klebeschicht festgestellt. Die fachgerechte Entsorgung war in der Kostenberechnung nicht enthalten.',
      'Die Mehrkosten können durch Minderaufwendungen bei der Gebäudeunterhaltung des Rathauses gedeckt werden, da sich die dortige Maßnahme in das nächste Jahr verschiebt.',
    ],
    proposal:
      '{rat_nom} bewilligt überplanmäßige Aufwendungen für die Sanierung der Sporthalle {ort} in Höhe von {summe}. Die Deckung erfolgt durch Minderaufwendungen beim Produkt Gebäudeunterhaltung.',
    costs: [
      { label: 'Schadstoffsanierung Hallenboden', min: 38_000, max: 64_000 },
      { label: 'Mehrkosten Bodenbelag', min: 12_000, max: 21_000 },
    ],
  },
  {
    title: 'Ausbau des Radwegs zwischen {ort} und {ort2}',
    area: 'bau',
    facts: [
      'Zwischen {ort} und {ort2} fehlt eine sichere Radverbindung; Radfahrende müssen die Kreisstraße nutzen. Der Landkreis hat die Radwegeverbindung in sein Radverkehrskonzept aufgenommen.',
      'Geplant ist ein 2,50 m breiter, asphaltierter Geh- und Radweg auf einer Länge von 2,3 km entlang eines vorhandenen Wirtschaftsweges. Der Anteil der Kommune beträgt nach Abzug der Förderung 25 %.',
    ],
    proposal:
      '{rat_nom} stimmt der Vorplanung für den Radweg zwischen {ort} und {ort2} zu und beauftragt die Verwaltung, die Förderung zu beantragen.',
    costs: [
      { label: 'Wegebau 2,3 km', min: 420_000, max: 610_000 },
      { label: 'Brückenbauwerk über den {bach}', min: 85_000, max: 130_000 },
      { label: 'Planung und Vermessung', min: 48_000, max: 72_000 },
    ],
  },
  {
    title: 'Annahme von Spenden und Zuwendungen im {halbjahr}',
    area: 'finanzen',
    facts: [
      'Nach der Gemeindeordnung entscheidet der Rat über die Annahme von Spenden, Schenkungen und ähnlichen Zuwendungen. Im {halbjahr} sind 14 Zuwendungen eingegangen, überwiegend für die Feuerwehren und die Kindertagesstätten.',
      'Die Einzelaufstellung mit Zweck und Betrag ist der Vorlage als Tabelle beigefügt. Namen privater Spender werden nur mit deren Einwilligung genannt.',
    ],
    proposal: '{rat_nom} stimmt der Annahme der aufgeführten Spenden und Zuwendungen zu.',
    costs: [
      { label: 'Zuwendungen Feuerwehren', min: 1_500, max: 6_500 },
      { label: 'Zuwendungen Kindertagesstätten', min: 800, max: 4_200 },
      { label: 'Sonstige Zuwendungen', min: 300, max: 2_400 },
    ],
  },
  {
    title: 'Tourismuskonzept {jahr+1}–{jahr+5} – Fortschreibung',
    area: 'kultur',
    facts: [
      'Das Tourismuskonzept aus dem Jahr 2018 ist fortzuschreiben. In einem Beteiligungsprozess mit Gastgebern, Vereinen und der Tourist-Information wurden Schwerpunkte erarbeitet: Wandern, Radfahren und regionale Gastronomie.',
      'Vorgeschlagen werden unter anderem ein Premiumwanderweg rund um {ort}, die Beschilderung der Radrouten und ein gemeinsamer Online-Auftritt.',
    ],
    proposal: '{rat_nom} beschließt die Fortschreibung des Tourismuskonzepts in der vorliegenden Fassung.',
    costs: [
      { label: 'Premiumwanderweg (Beschilderung, Möblierung)', min: 35_000, max: 55_000 },
      { label: 'Online-Auftritt', min: 12_000, max: 19_000 },
    ],
  },
  {
    title: 'Benutzungs- und Entgeltordnung für das Bürgerhaus {ort}',
    area: 'kultur',
    facts: [
      'Die Entgeltordnung für das Bürgerhaus {ort} stammt aus dem Jahr 2012. Seitdem sind die Energie- und Reinigungskosten erheblich gestiegen.',
      'Die neue Ordnung unterscheidet zwischen örtlichen Vereinen, privaten und gewerblichen Nutzungen. Örtliche Vereine zahlen weiterhin nur die Nebenkosten.',
    ],
    proposal:
      '{rat_nom} beschließt die Benutzungs- und Entgeltordnung für das Bürgerhaus {ort} mit Wirkung zum 1. Januar {jahr+1}.',
  },
  {
    title: 'Friedhofsgebührensatzung – Neukalkulation der Gebühren',
    area: 'finanzen',
    facts: [
      'Die Friedhofsgebühren sind zuletzt vor sechs Jahren kalkuliert worden. Der Kostendeckungsgrad ist auf 71 % gesunken. Gleichzeitig nimmt die Zahl der Urnenbestattungen zu.',
      'Die Neukalkulation berücksichtigt neue Bestattungsformen wie Baumgräber und Urnengemeinschaftsanlagen. Die Gebühr für ein Wahlgrab steigt moderat.',
    ],
    proposal: '{rat_nom} beschließt die 3. Satzung zur Änderung der Friedhofsgebührensatzung.',
  },
  {
    title: 'Jahresabschluss {jahr-1} und Entlastung',
    area: 'pruefung',
    facts: [
      'Der Rechnungsprüfungsausschuss hat den Jahresabschluss {jahr-1} in zwei Sitzungen geprüft. Stichproben betrafen die Vergabe von Bauleistungen, die Abrechnung von Reisekosten und die Inventur des Bauhofs.',
      'Der Abschluss weist einen Jahresüberschuss von {summe} aus. Beanstandungen, die einer Entlastung entgegenstehen, haben sich nicht ergeben.',
    ],
    proposal:
      '{rat_nom} stellt den Jahresabschluss {jahr-1} fest und erteilt {bm_dativ} sowie den Beigeordneten Entlastung.',
    costs: [
      { label: 'Ordentliche Erträge', min: 9_000_000, max: 14_000_000 },
      { label: 'Ordentliche Aufwendungen', min: 8_800_000, max: 13_700_000 },
    ],
  },
  {
    title: 'Stellenplan {jahr+1} – Schaffung einer Stelle Klimaschutzmanagement',
    area: 'finanzen',
    facts: [
      'Für die Umsetzung des Klimaschutzkonzepts fehlen personelle Kapazitäten. Die Förderung eines Klimaschutzmanagements über die Kommunalrichtlinie deckt in den ersten drei Jahren 70 % der Personalkosten.',
      'Die Stelle soll befristet auf drei Jahre eingerichtet und in Entgeltgruppe 11 TVöD bewertet werden.',
    ],
    proposal:
      '{rat_nom} stimmt der Schaffung einer befristeten Stelle Klimaschutzmanagement im Stellenplan {jahr+1} zu.',
    costs: [{ label: 'Personalkosten je Jahr (brutto)', min: 68_000, max: 82_000 }],
  },
  {
    title: 'Neubau eines Einfamilienhauses mit Garage, {strasse}, {ort}',
    area: 'bau',
    group: 'Bauanträge und Bauvoranfragen',
    committeeDecides: true,
    facts: [
      'Beantragt ist der Neubau eines Einfamilienhauses mit Doppelgarage auf einem Grundstück in der {strasse} in {ort}. Das Vorhaben liegt im Geltungsbereich des Bebauungsplans „{flur}“.',
      'Die geplante Dachneigung von 25 Grad weicht von der Festsetzung (30 bis 45 Grad) ab. Eine Befreiung nach § 31 Abs. 2 BauGB ist städtebaulich vertretbar, da in der Nachbarschaft bereits vergleichbare Befreiungen erteilt wurden.',
    ],
    proposal:
      'Das gemeindliche Einvernehmen nach § 36 BauGB wird erteilt; der Befreiung hinsichtlich der Dachneigung wird zugestimmt.',
  },
  {
    title: 'Errichtung einer Lagerhalle im Gewerbegebiet {ort}',
    area: 'bau',
    group: 'Bauanträge und Bauvoranfragen',
    committeeDecides: true,
    facts: [
      'Ein ortsansässiger Handwerksbetrieb beantragt die Errichtung einer Lagerhalle mit 1.150 m² Grundfläche im Gewerbegebiet {ort}. Das Vorhaben entspricht den Festsetzungen des Bebauungsplans.',
      'Die Erschließung ist über die {strasse} gesichert. Das anfallende Niederschlagswasser wird auf dem Grundstück zurückgehalten.',
    ],
    proposal: 'Das gemeindliche Einvernehmen nach § 36 BauGB wird erteilt.',
  },
  {
    title: 'Bauvoranfrage: Umnutzung einer Scheune zu Wohnzwecken, {strasse}, {ort}',
    area: 'bau',
    group: 'Bauanträge und Bauvoranfragen',
    committeeDecides: true,
    facts: [
      'Mit der Bauvoranfrage soll geklärt werden, ob eine ortsbildprägende Scheune in der {strasse} in {ort} zu zwei Wohneinheiten umgebaut werden darf. Das Grundstück liegt im unbeplanten Innenbereich.',
      'Das Vorhaben fügt sich nach Art und Maß der baulichen Nutzung in die Eigenart der näheren Umgebung ein (§ 34 BauGB). Die notwendigen Stellplätze können auf dem Grundstück nachgewiesen werden.',
    ],
    proposal: 'Das gemeindliche Einvernehmen zur Bauvoranfrage wird in Aussicht gestellt.',
  },
  {
    title: 'Zuschüsse an örtliche Vereine und Verbände für das Jahr {jahr}',
    area: 'finanzen',
    committeeDecides: true,
    facts: [
      'Nach den Richtlinien zur Vereinsförderung können gemeinnützige Vereine Zuschüsse für Investitionen und für die Jugendarbeit erhalten. Bis zum Stichtag sind 17 Anträge eingegangen, darunter vom Turnverein {ort} für neue Hallenböden und vom Musikverein {ort2} für Instrumente.',
      'Die beantragten Zuschüsse übersteigen den Haushaltsansatz. Die Verwaltung schlägt eine anteilige Kürzung vor, bei der die Jugendarbeit bevorzugt wird.',
    ],
    proposal:
      'Der Ausschuss beschließt die Vergabe der Vereinszuschüsse für das Jahr {jahr} entsprechend der Aufstellung der Verwaltung.',
    costs: [
      { label: 'Investitionszuschüsse', min: 18_000, max: 32_000 },
      { label: 'Zuschüsse Jugendarbeit', min: 6_000, max: 11_000 },
      { label: 'Zuschüsse Veranstaltungen', min: 2_500, max: 6_000 },
    ],
  },
  {
    title: 'Förderung der offenen Jugendarbeit in {ort} – Verlängerung der Vereinbarung',
    area: 'soziales',
    committeeDecides: true,
    facts: [
      'Der Jugendtreff in {ort} wird seit fünf Jahren von einem freien Träger betrieben. Die Vereinbarung über die Förderung läuft zum Jahresende aus.',
      'Der Träger hat einen Sachbericht vorgelegt: Der Treff wird an vier Tagen in der Woche von durchschnittlich 22 Jugendlichen besucht. Die Verwaltung empfiehlt eine Verlängerung um drei Jahre.',
    ],
    proposal:
      'Der Ausschuss stimmt der Verlängerung der Vereinbarung über die offene Jugendarbeit in {ort} um drei Jahre zu.',
    costs: [{ label: 'Jährlicher Zuschuss', min: 28_000, max: 41_000 }],
  },
  {
    title: 'Neugestaltung des Spielplatzes „{flur}“ in {ort}',
    area: 'kultur',
    committeeDecides: true,
    facts: [
      'Der Spielplatz „{flur}“ in {ort} wurde bei der jährlichen Hauptinspektion bemängelt; zwei Spielgeräte mussten gesperrt werden. In einer Kinderbeteiligung wurden Wünsche gesammelt: Kletterkombination, Nestschaukel und Wasserspiel.',
      'Die Planung sieht eine barrierearme Gestaltung mit Sitzgelegenheiten für Eltern vor. Die Ortsgemeinde beteiligt sich mit Eigenleistungen des Bauhofs.',
    ],
    proposal: 'Der Ausschuss stimmt der Neugestaltung des Spielplatzes „{flur}“ in {ort} gemäß Entwurf zu.',
    costs: [
      { label: 'Spielgeräte', min: 38_000, max: 56_000 },
      { label: 'Fallschutz und Wege', min: 14_000, max: 23_000 },
    ],
  },
];

/** Motions of factions (Anträge). */
export const motionTopics: readonly TopicTemplate[] = [
  {
    title: 'Antrag der {fraktion}: Prüfung eines Bürgerbusses für die Ortsgemeinden',
    area: 'soziales',
    facts: [
      'Viele ältere Menschen in den kleineren Ortsgemeinden sind ohne eigenes Auto auf Nachbarschaftshilfe angewiesen. Die Busverbindungen beschränken sich an Wochenenden auf wenige Fahrten.',
      'Ein ehrenamtlich betriebener Bürgerbus nach dem Vorbild anderer Kommunen könnte Arzttermine, Einkäufe und Behördengänge erleichtern. Die Verwaltung soll Kosten, Fördermöglichkeiten und Trägermodelle prüfen.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, die Einrichtung eines Bürgerbusses zu prüfen und dem Rat bis zum Ende des Jahres {jahr+1} zu berichten.',
  },
  {
    title: 'Antrag der {fraktion}: Tempo 30 vor der Grundschule {ort}',
    area: 'bau',
    facts: [
      'Vor der Grundschule {ort} in der {strasse} kommt es morgens regelmäßig zu gefährlichen Situationen. Eltern berichten von Fahrzeugen, die deutlich zu schnell fahren.',
      'Die Straßenverkehrsordnung erlaubt seit der Novelle ausdrücklich streckenbezogene Geschwindigkeitsbeschränkungen vor Schulen. Die Verwaltung soll die Anordnung bei der Straßenverkehrsbehörde beantragen.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, bei der Straßenverkehrsbehörde eine Geschwindigkeitsbeschränkung auf 30 km/h vor der Grundschule {ort} zu beantragen.',
  },
  {
    title: 'Antrag der {fraktion}: Übertragung der Ratssitzungen im Internet',
    area: 'finanzen',
    facts: [
      'Die öffentlichen Sitzungen werden nur von wenigen Zuhörenden besucht. Eine Übertragung im Internet würde die Arbeit des Rates transparenter machen.',
      'Die Persönlichkeitsrechte der Ratsmitglieder und der Verwaltung sind zu wahren; wer nicht gefilmt werden möchte, muss dem widersprechen können. Die Verwaltung soll ein Konzept mit Kosten vorlegen.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, ein Konzept zur Übertragung der öffentlichen Sitzungen im Internet einschließlich der Kosten vorzulegen.',
  },
  {
    title: 'Antrag der {fraktion}: Blühflächen auf kommunalen Grünflächen',
    area: 'umwelt',
    facts: [
      'Viele kommunale Grünflächen werden mehrmals im Jahr gemäht. Mit einer extensiven Pflege und heimischem Saatgut könnten Lebensräume für Insekten entstehen und zugleich Pflegekosten gespart werden.',
      'Als Pilotflächen bieten sich die Randstreifen am {bach} und die Fläche am Friedhof {ort} an.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, geeignete kommunale Grünflächen zu benennen und dort ab dem Frühjahr {jahr+1} Blühflächen anzulegen.',
  },
  {
    title: 'Antrag der {fraktion}: Sanierungsplan für die Spielplätze',
    area: 'kultur',
    facts: [
      'Mehrere Spielplätze sind in die Jahre gekommen. Statt einzelner Reparaturen sollte ein mehrjähriger Sanierungsplan die Reihenfolge nach Zustand und Nutzung festlegen.',
      'Die Ergebnisse der jährlichen Hauptinspektionen bilden eine gute Grundlage. Kinder und Jugendliche sollen beteiligt werden.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, bis zur Haushaltsberatung {jahr+1} einen Sanierungsplan für alle kommunalen Spielplätze vorzulegen.',
  },
  {
    title: 'Antrag der {fraktion}: Einrichtung eines Jugendforums',
    area: 'soziales',
    facts: [
      'Jugendliche haben bisher kaum Möglichkeiten, ihre Anliegen in die Kommunalpolitik einzubringen. Die Gemeindeordnung sieht die Beteiligung von Kindern und Jugendlichen ausdrücklich vor.',
      'Ein Jugendforum mit Rede- und Antragsrecht in den Ausschüssen könnte diese Lücke schließen.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, gemeinsam mit den Schulen und Jugendverbänden eine Satzung für ein Jugendforum zu erarbeiten.',
  },
  {
    title: 'Antrag der {fraktion}: Trinkwasserbrunnen im Ortskern von {ort}',
    area: 'umwelt',
    facts: [
      'Heiße Sommer werden häufiger. Öffentliche Trinkwasserbrunnen sind eine einfache Hilfe für Passantinnen und Passanten, insbesondere für ältere Menschen und Kinder.',
      'Die Wasserversorgung hat signalisiert, einen Brunnen am Marktplatz in {ort} technisch anschließen zu können.',
    ],
    proposal:
      'Die Verwaltung wird beauftragt, die Errichtung eines Trinkwasserbrunnens im Ortskern von {ort} vorzubereiten.',
  },
];

/** Questions of factions (Anfragen); the answer follows in the text. */
export const questionTopics: readonly TopicTemplate[] = [
  {
    title: 'Anfrage der {fraktion}: Stand des Breitbandausbaus in {ort}',
    area: 'bau',
    facts: [
      'Die {fraktion} bittet um Beantwortung folgender Fragen: 1. Wie viele Haushalte in {ort} sind inzwischen an das Glasfasernetz angeschlossen? 2. Wann ist mit dem Abschluss der Arbeiten zu rechnen? 3. Wer haftet für Schäden an Gehwegen?',
      'Antwort der Verwaltung: In {ort} sind 312 von 401 Adressen angeschlossen. Der Abschluss ist für das zweite Quartal {jahr+1} angekündigt. Schäden an Gehwegen beseitigt das ausführende Unternehmen auf eigene Kosten; die Abnahme erfolgt durch den Bauhof.',
    ],
    proposal: 'Die Anfrage und ihre Beantwortung werden zur Kenntnis genommen.',
  },
  {
    title: 'Anfrage der {fraktion}: Sachstand Sanierung der Grundschule {ort}',
    area: 'schule',
    facts: [
      'Die {fraktion} fragt: 1. Liegt die Sanierung im Zeit- und Kostenrahmen? 2. Welche Einschränkungen ergeben sich für den Unterricht? 3. Ist die Ganztagsbetreuung gesichert?',
      'Antwort der Verwaltung: Die Arbeiten liegen im Zeitplan; die Kosten bewegen sich im Rahmen der Kostenberechnung. Lärmintensive Arbeiten werden in die Ferien gelegt. Die Ganztagsbetreuung findet bis zum Abschluss im Pfarrheim statt.',
    ],
    proposal: 'Die Anfrage und ihre Beantwortung werden zur Kenntnis genommen.',
  },
  {
    title: 'Anfrage der {fraktion}: Kosten des Winterdienstes {jahr-1}/{jahr}',
    area: 'finanzen',
    facts: [
      'Die {fraktion} bittet um Auskunft über die Kosten des Winterdienstes im vergangenen Winter, aufgeschlüsselt nach Personal, Fahrzeugen und Streusalz.',
      'Antwort der Verwaltung: Die Kosten betrugen insgesamt 87.420 €, davon 41.300 € Personal, 28.900 € Fahrzeuge und 17.220 € Streumittel. Der Bauhof war an 23 Tagen im Einsatz.',
    ],
    proposal: 'Die Anfrage und ihre Beantwortung werden zur Kenntnis genommen.',
  },
  {
    title: 'Anfrage der {fraktion}: Leerstand kommunaler Gebäude',
    area: 'finanzen',
    facts: [
      'Die {fraktion} fragt, welche kommunalen Gebäude ganz oder teilweise leer stehen und welche Kosten dadurch entstehen.',
      'Antwort der Verwaltung: Leer stehen die ehemalige Hausmeisterwohnung der Grundschule {ort} und zwei Räume im alten Rathaus {ort2}. Die laufenden Kosten belaufen sich auf rund 6.800 € im Jahr. Eine Vermietung wird geprüft.',
    ],
    proposal: 'Die Anfrage und ihre Beantwortung werden zur Kenntnis genommen.',
  },
  {
    title: 'Anfrage der {fraktion}: Wartezeiten im Bürgerbüro',
    area: 'soziales',
    facts: [
      'Die {fraktion} bittet um Auskunft, wie lange Bürgerinnen und Bürger derzeit auf einen Termin im Bürgerbüro warten und welche Dienstleistungen online angeboten werden.',
      'Antwort der Verwaltung: Die durchschnittliche Wartezeit auf einen Termin beträgt neun Werktage. Online beantragt werden können unter anderem Meldebescheinigungen, Führungszeugnisse und Anwohnerparkausweise.',
    ],
    proposal: 'Die Anfrage und ihre Beantwortung werden zur Kenntnis genommen.',
  },
];

/** Reports of the administration (Mitteilungen). */
export const noticeTopics: readonly TopicTemplate[] = [
  {
    title: 'Sachstandsbericht Breitbandausbau',
    area: 'bau',
    facts: [
      'Der geförderte Breitbandausbau schreitet voran. Bis zum Stichtag {datum} wurden 27 km Trasse verlegt und 1.240 Hausanschlüsse hergestellt.',
      'In {ort} kam es wegen felsigen Untergrunds zu Verzögerungen. Das Unternehmen setzt dort zusätzlich ein Spülbohrverfahren ein.',
    ],
    proposal: 'Der Bericht wird zur Kenntnis genommen.',
  },
  {
    title: 'Ergebnis der Verkehrszählung in der {strasse}, {ort}',
    area: 'bau',
    facts: [
      'Auf Anregung aus der Einwohnerfragestunde wurde in der {strasse} in {ort} über zwei Wochen eine Seitenradarmessung durchgeführt. Erfasst wurden 18.412 Fahrzeuge.',
      'Die Durchschnittsgeschwindigkeit lag bei 38 km/h; 15 % der Fahrzeuge fuhren schneller als 50 km/h. Die Ergebnisse werden an die Polizei und die Straßenverkehrsbehörde weitergeleitet.',
    ],
    proposal: 'Der Bericht wird zur Kenntnis genommen.',
  },
  {
    title: 'Bericht zum Haushaltsvollzug zum 30. Juni {jahr}',
    area: 'finanzen',
    facts: [
      'Zum Stichtag 30. Juni {jahr} liegen die Erträge bei 52 % und die Aufwendungen bei 47 % der Planansätze. Die Gewerbesteuer entwickelt sich besser als erwartet.',
      'Risiken bestehen bei den Energiekosten und bei den Tarifsteigerungen im öffentlichen Dienst. Ein Nachtragshaushalt ist nach derzeitigem Stand nicht erforderlich.',
    ],
    proposal: 'Der Bericht wird zur Kenntnis genommen.',
  },
  {
    title: 'Zuwendungsbescheid für die Dorferneuerung {ort}',
    area: 'bau',
    facts: [
      'Das Land hat für die Umgestaltung des Dorfplatzes in {ort} eine Zuwendung aus dem Programm Dorferneuerung in Höhe von 148.000 € bewilligt.',
      'Die Maßnahme umfasst die Neupflasterung, Sitzmöglichkeiten und eine Ladestation für E-Bikes. Baubeginn ist im Frühjahr {jahr+1} vorgesehen.',
    ],
    proposal: 'Die Mitteilung wird zur Kenntnis genommen.',
  },
  {
    title: 'Schülerzahlen zum Schuljahr {jahr}/{jahr+1}',
    area: 'schule',
    facts: [
      'Zum Schuljahresbeginn besuchen 486 Kinder die Grundschulen in Trägerschaft der Kommune. Das sind 21 mehr als im Vorjahr. Die Eingangsklassen in {ort} sind dreizügig.',
      'Die Betreuungsangebote am Nachmittag sind zu 94 % ausgelastet. Für die Schulbuchausleihe haben sich 71 % der Familien angemeldet.',
    ],
    proposal: 'Die Mitteilung wird zur Kenntnis genommen.',
  },
  {
    title: 'Jahresbericht Baumkontrolle und Verkehrssicherung',
    area: 'umwelt',
    facts: [
      'Im Baumkataster sind 3.870 Bäume an Straßen, Plätzen und auf Spielplätzen erfasst. Bei den Regelkontrollen wurden 61 Bäume mit Handlungsbedarf festgestellt, davon mussten 14 gefällt werden.',
      'Für jede Fällung wird eine Ersatzpflanzung vorgenommen, vorrangig mit klimaresistenten Arten wie Feldahorn und Hopfenbuche.',
    ],
    proposal: 'Der Bericht wird zur Kenntnis genommen.',
  },
  {
    title: 'Ergebnis der Trinkwasseruntersuchung {jahr}',
    area: 'umwelt',
    facts: [
      'Das Trinkwasser wurde im Jahr {jahr} an 42 Probenahmestellen untersucht. Sämtliche Grenzwerte der Trinkwasserverordnung wurden eingehalten.',
      'Die Gesamthärte liegt je nach Versorgungszone zwischen 8,2 und 14,6 °dH. Die ausführlichen Analysen sind auf der Internetseite der Werke veröffentlicht.',
    ],
    proposal: 'Die Mitteilung wird zur Kenntnis genommen.',
  },
  {
    title: 'Bericht über die Einsätze der Feuerwehren im Jahr {jahr-1}',
    area: 'feuerwehr',
    facts: [
      'Die Feuerwehren wurden im Jahr {jahr-1} zu 231 Einsätzen alarmiert, davon 58 Brände, 112 technische Hilfeleistungen und 61 Fehlalarme durch Brandmeldeanlagen.',
      'Die Zahl der aktiven Mitglieder ist mit 286 stabil; die Jugendfeuerwehren zählen 74 Mitglieder.',
    ],
    proposal: 'Der Bericht wird zur Kenntnis genommen.',
  },
];

export interface NonPublicTopic extends TopicTemplate {
  /** The N-part heading that groups these items, e.g. "Grundstücksangelegenheiten". */
  group: string;
}

/**
 * Non-public business. Each text names the canary word (a fictional field name or firm) so tests can prove it
 * never reaches public output.
 */
export const nonPublicTopics: readonly NonPublicTopic[] = [
  {
    title: 'Verkauf einer Teilfläche aus Flurstück {flst}, Gewann {canary}, Gemarkung {ort}',
    group: 'Grundstücksangelegenheiten',
    area: 'finanzen',
    facts: [
      'Die Eigentümer des angrenzenden Wohngrundstücks haben den Erwerb einer Teilfläche von rund 180 m² aus dem gemeindeeigenen Flurstück {flst} im Gewann {canary} beantragt. Die Fläche wird derzeit als Grünfläche unterhalten und für öffentliche Zwecke nicht benötigt.',
      'Der Gutachterausschuss hat den Bodenrichtwert mit 95 €/m² angegeben. Die Vermessungs- und Notarkosten tragen die Erwerber.',
    ],
    proposal:
      'Dem Verkauf einer Teilfläche von ca. 180 m² aus Flurstück {flst} (Gewann {canary}) zum Preis von 95 €/m² wird zugestimmt.',
    costs: [{ label: 'Kaufpreis (ca. 180 m² × 95 €)', min: 17_100, max: 17_100 }],
  },
  {
    title: 'Ankauf des Grundstücks Flurstück {flst} im Gewann {canary}, Gemarkung {ort}',
    group: 'Grundstücksangelegenheiten',
    area: 'finanzen',
    facts: [
      'Für die geplante Erweiterung des Bauhofs wird das angrenzende Grundstück Flurstück {flst} im Gewann {canary} benötigt. Die Erbengemeinschaft ist zum Verkauf bereit.',
      'Der ausgehandelte Kaufpreis liegt leicht über dem Bodenrichtwert, ist aber wegen der Lage unmittelbar am Betriebsgelände vertretbar.',
    ],
    proposal: 'Dem Ankauf des Flurstücks {flst} im Gewann {canary} zum ausgehandelten Kaufpreis wird zugestimmt.',
    costs: [
      { label: 'Kaufpreis', min: 38_000, max: 64_000 },
      { label: 'Nebenkosten (Notar, Grunderwerbsteuer)', min: 2_500, max: 4_800 },
    ],
  },
  {
    title: 'Auftragsvergabe Kanalsanierung {strasse} – Angebot der {canary} Tiefbau GmbH',
    group: 'Vergaben',
    area: 'umwelt',
    committeeDecides: true,
    facts: [
      'Die Kanalsanierung in der {strasse} in {ort} wurde öffentlich ausgeschrieben. Es gingen fünf Angebote ein. Das wirtschaftlichste Angebot hat die {canary} Tiefbau GmbH abgegeben.',
      'Das Angebot liegt 4 % unter der Kostenberechnung. Die Eignung des Unternehmens wurde anhand von Referenzen geprüft. Die Angebotspreise der übrigen Bieter sind vertraulich.',
    ],
    proposal:
      'Der Auftrag für die Kanalsanierung in der {strasse} wird an die {canary} Tiefbau GmbH zum Angebotspreis vergeben.',
    costs: [
      { label: 'Angebot {canary} Tiefbau GmbH', min: 180_000, max: 320_000 },
      { label: 'Zweitbietende', min: 330_000, max: 360_000 },
      { label: 'Drittbietende', min: 365_000, max: 410_000 },
    ],
  },
  {
    title: 'Auftragsvergabe Gebäudereinigung der Schulen – Zuschlag an {canary} Dienstleistungen',
    group: 'Vergaben',
    area: 'schule',
    committeeDecides: true,
    facts: [
      'Der Vertrag über die Unterhaltsreinigung der Schulgebäude läuft aus. In der Ausschreibung wurden vier Angebote abgegeben; nach Wertung von Preis und Qualitätskonzept liegt {canary} Dienstleistungen vorn.',
      'Die Vertragslaufzeit beträgt drei Jahre mit Verlängerungsoption um ein Jahr.',
    ],
    proposal: 'Der Zuschlag für die Gebäudereinigung der Schulen wird {canary} Dienstleistungen erteilt.',
    costs: [{ label: 'Jahresentgelt', min: 120_000, max: 175_000 }],
  },
  {
    title: 'Stundung von Gewerbesteuerforderungen – Einzelfall {canary}',
    group: 'Steuerangelegenheiten',
    area: 'finanzen',
    committeeDecides: true,
    facts: [
      'Ein ortsansässiges Unternehmen (Vorgang {canary}) hat die Stundung fälliger Gewerbesteuervorauszahlungen beantragt. Es legt eine Liquiditätsplanung und eine Bestätigung seiner Hausbank vor.',
      'Die Verwaltung schlägt eine Stundung über sechs Monate mit monatlichen Raten und Stundungszinsen nach der Abgabenordnung vor.',
    ],
    proposal: 'Der Stundung im Einzelfall {canary} wird zu den vorgeschlagenen Bedingungen zugestimmt.',
    costs: [{ label: 'Gestundeter Betrag', min: 24_000, max: 68_000 }],
  },
  {
    title: 'Pachtvertrag Gaststätte im Bürgerhaus {ort} – Verhandlungsstand {canary}',
    group: 'Vertragsangelegenheiten',
    area: 'kultur',
    facts: [
      'Der bisherige Pächter der Gaststätte im Bürgerhaus {ort} hat zum Jahresende gekündigt. Mit der Interessentin (Vorgang {canary}) wurden Gespräche über einen neuen Pachtvertrag geführt.',
      'Vorgesehen sind eine Staffelpacht und die Verpflichtung, das Bürgerhaus bei Veranstaltungen der Vereine zu bewirten.',
    ],
    proposal: 'Dem Abschluss des Pachtvertrags zu den dargestellten Bedingungen wird zugestimmt.',
    costs: [{ label: 'Monatliche Pacht (Staffel Jahr 1)', min: 650, max: 1_100 }],
  },
  {
    title: 'Rechtsangelegenheit: Klageverfahren wegen Erschließungsbeiträgen ({canary})',
    group: 'Rechtsangelegenheiten',
    area: 'finanzen',
    committeeDecides: true,
    facts: [
      'Gegen die Heranziehung zu Erschließungsbeiträgen für die {strasse} ist beim Verwaltungsgericht eine Klage anhängig (Verfahren {canary}). Das Gericht hat einen Vergleich angeregt.',
      'Nach Einschätzung der beauftragten Kanzlei sind die Erfolgsaussichten der Klage gering; ein Vergleich würde das Verfahren jedoch beschleunigen.',
    ],
    proposal:
      'Die Verwaltung wird ermächtigt, im Verfahren {canary} einen Vergleich auf der Grundlage des gerichtlichen Vorschlags abzuschließen.',
  },
];

export const nonPublicStandardItems = [
  'Personalangelegenheiten',
  'Mitteilungen der Verwaltung (nichtöffentlich)',
  'Anfragen (nichtöffentlich)',
] as const;

/** Paragraphs any Vorlage may use to describe procedure; never mention the canary or the PDF-only word. */
export const procedureParagraphs = [
  'Die Verwaltung hat die Angelegenheit mit den beteiligten Fachbehörden abgestimmt. Bedenken wurden nicht erhoben; Hinweise der Kreisverwaltung sind in die Vorlage eingeflossen.',
  'Die Ortsgemeinde wurde frühzeitig beteiligt. Der Ortsgemeinderat hat in seiner letzten Sitzung einstimmig eine zustimmende Stellungnahme abgegeben.',
  'Die Maßnahme ist im Investitionsprogramm enthalten. Die Mittel stehen im Haushalt zur Verfügung; eine Verpflichtungsermächtigung für das Folgejahr ist veranschlagt.',
  'Sollte der Beschluss in der vorgeschlagenen Form gefasst werden, kann mit der Umsetzung noch im laufenden Haushaltsjahr begonnen werden. Andernfalls verschiebt sich der Zeitplan um mindestens sechs Monate.',
  'Die Auswirkungen auf den Klimaschutz wurden geprüft. Die Maßnahme trägt zur Verringerung des Energieverbrauchs bei und ist mit den Zielen des Klimaschutzkonzepts vereinbar.',
  'Für die Öffentlichkeit wird im Amtsblatt und auf der Internetseite über den Fortgang berichtet. Fragen der Anliegerinnen und Anlieger beantwortet die Fachabteilung.',
  'Alternativ wurde eine abschnittsweise Umsetzung über drei Jahre untersucht. Diese wäre wegen wiederholter Baustelleneinrichtung und längerer Beeinträchtigungen insgesamt um etwa 12 % teurer.',
  'Die Gleichstellungsbeauftragte und die Beauftragte für die Belange von Menschen mit Behinderungen wurden beteiligt. Ihre Anregungen zur barrierefreien Gestaltung werden berücksichtigt.',
  'Eine Förderung durch das Land wurde angefragt. Nach Auskunft der Bewilligungsbehörde ist mit einer Entscheidung innerhalb von drei Monaten zu rechnen; ein vorzeitiger Maßnahmebeginn kann beantragt werden.',
  'Die Kostenschätzung beruht auf Erfahrungswerten vergleichbarer Maßnahmen der letzten beiden Jahre und enthält einen Ansatz für Unvorhergesehenes von 10 %. Preissteigerungen bis zur Ausschreibung sind nicht auszuschließen.',
  'Die Folgekosten für Unterhaltung und Betrieb werden auf jährlich rund 2 % der Investitionssumme geschätzt und sind ab dem übernächsten Haushaltsjahr zu veranschlagen.',
  'Rechtsgrundlage ist die Gemeindeordnung in Verbindung mit der Hauptsatzung. Die Zuständigkeit des Gremiums ergibt sich aus der Wertgrenze der Zuständigkeitsordnung.',
];

export const attachmentKinds = [
  'Lageplan',
  'Kostenschätzung',
  'Stellungnahme der Ortsgemeinde',
  'Fotodokumentation',
  'Satzungsentwurf',
  'Zeitplan',
] as const;
export type AttachmentKind =
  | (typeof attachmentKinds)[number]
  | 'Preisspiegel'
  | 'Stellungnahme der Unteren Naturschutzbehörde'
  | 'Präsentation der Verwaltung';

export const closingPhrases = {
  resolvedUnanimously: 'einstimmig beschlossen',
  recommendedUnanimously: 'einstimmig empfohlen',
  noted: 'zur Kenntnis genommen',
  deferred: 'vertagt',
  rejected: 'abgelehnt',
  approvedMinutes: 'einstimmig genehmigt',
} as const;
