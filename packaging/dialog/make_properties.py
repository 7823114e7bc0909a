#!/usr/bin/python3
"""Writes the dialog texts <Dialog>_{en_US,fi_FI,sv_FI}.properties (Java escapes) from one table
per dialog (the scenario wizard, the Compare scenarios dialog, the Import table dialog). Run by hand in this folder after
changing a text; the outputs are committed."""
wizard = {
 "Title": ("Kuntaplan: new scenario", "Kuntaplan: uusi skenaario", "Kuntaplan: nytt scenario"),
 "Step1": ("Step 1 of 4: name and base population", "Vaihe 1/4: nimi ja lähtöväestö", "Steg 1 av 4: namn och basbefolkning"),
 "Step2": ("Step 2 of 4: assumptions", "Vaihe 2/4: oletukset", "Steg 2 av 4: antaganden"),
 "Step3": ("Step 3 of 4: migration", "Vaihe 3/4: muuttoliike", "Steg 3 av 4: flyttning"),
 "Step4": ("Step 4 of 4: services and age segments", "Vaihe 4/4: palvelut ja ikäryhmät", "Steg 4 av 4: tjänster och åldersgrupper"),
 "NameLabel": ("Scenario name (the sheets are named after it):", "Skenaarion nimi (taulukot nimetään sen mukaan):", "Scenariots namn (bladen namnges efter det):"),
 "UseExample": ("The bundled Helsinki example (31 Dec 2019, Statistics Finland)", "Mukana tuleva Helsingin esimerkki (31.12.2019, Tilastokeskus)", "Det medföljande Helsingforsexemplet (31.12.2019, Statistikcentralen)"),
 "UseRange": ("A range in this workbook: 100 ages × male, female", "Alue tässä työkirjassa: 100 ikävuotta × miehet, naiset", "Ett område i arbetsboken: 100 åldrar × män, kvinnor"),
 "BaseYearLabel": ("Base year (population on 31 Dec):", "Lähtövuosi (väestö 31.12.):", "Basår (befolkning 31.12):"),
 "TfrLabel": ("Target total fertility rate (children per woman):", "Tavoiteltu kokonaishedelmällisyysluku (lasta/nainen):", "Summerad fruktsamhet (barn per kvinna):"),
 "MortalityLabel": ("Mortality:", "Kuolleisuus:", "Dödlighet:"),
 "MortalityGiven": ("As given (Statistics Finland 2020)", "Annettu (Tilastokeskus 2020)", "Som given (Statistikcentralen 2020)"),
 "MortalityImproving": ("Improving by this % a year:", "Alenee vuosittain tämän %:n verran:", "Minskar med denna % per år:"),
 "HorizonLabel": ("Horizon (years):", "Ennusteen pituus (vuotta):", "Prognosperiod (år):"),
 "MigrationIntro": ("Migrants a year as a percentage of the bundled flows: Helsinki's of 2020 (Statistics Finland), "
                    "scaled to the size of your own base population if you chose one.",
                    "Muuttajat vuodessa prosentteina mukana tulevista virroista: Helsingin vuoden 2020 virrat "
                    "(Tilastokeskus), omaa lähtöväestöä käytettäessä skaalattuina sen kokoon.",
                    "Flyttare per år i procent av de medföljande strömmarna: Helsingfors år 2020 "
                    "(Statistikcentralen), skalade till din egen basbefolknings storlek om du valde en."),
 "MigrationAll": ("All six flows at the same percentage:", "Kaikki kuusi virtaa samalla prosentilla:", "Alla sex strömmar med samma procent:"),
 "MigrationEach": ("Each flow at its own percentage:", "Kukin virta omalla prosentillaan:", "Varje ström med egen procent:"),
 "InLabel": ("In, %", "Tulo, %", "In, %"),
 "OutLabel": ("Out, %", "Lähtö, %", "Ut, %"),
 "RegionLabel": ("Within the region", "Seudun sisäinen", "Inom regionen"),
 "FinlandLabel": ("Rest of Finland", "Muu Suomi", "Övriga Finland"),
 "AbroadLabel": ("Abroad", "Ulkomaat", "Utlandet"),
 "SegmentsLabel": ("Age segments (lower ages, separated by ;):", "Ikäryhmät (alaikärajat ;-merkillä eroteltuina):", "Åldersgrupper (nedre åldrar, åtskilda med ;):"),
 "ServicesLabel": ("Services to follow (participation rates are example values):", "Seurattavat palvelut (osallistumisasteet ovat esimerkkiarvoja):", "Tjänster att följa (deltagandegraderna är exempelvärden):"),
 "Service0": ("Early childhood education, ages 1–6", "Varhaiskasvatus, 1–6-vuotiaat", "Småbarnspedagogik, 1–6 år"),
 "Service1": ("Basic education, ages 7–15", "Perusopetus, 7–15-vuotiaat", "Grundläggande utbildning, 7–15 år"),
 "Service2": ("Upper secondary education, ages 16–18", "Toisen asteen koulutus, 16–18-vuotiaat", "Andra stadiet, 16–18 år"),
 "Service3": ("Home care and housing services, ages 75+", "Kotihoito ja asumispalvelut, 75 vuotta täyttäneet", "Hemvård och boendeservice, 75 år och äldre"),
 "Back": ("< Back", "< Edellinen", "< Tillbaka"),
 "Next": ("Next >", "Seuraava >", "Nästa >"),
 "Finish": ("Create", "Luo", "Skapa"),
 "Cancel": ("Cancel", "Peruuta", "Avbryt"),
}
compare = {
 "Title": ("Kuntaplan: compare scenarios", "Kuntaplan: vertaa skenaarioita", "Kuntaplan: jämför scenarier"),
 "Intro": ("Choose two or more scenarios and the indicators to set side by side.",
           "Valitse vähintään kaksi skenaariota ja rinnakkain verrattavat tunnusluvut.",
           "Välj minst två scenarier och de indikatorer som ska jämföras sida vid sida."),
 "ScenariosLabel": ("Scenarios:", "Skenaariot:", "Scenarier:"),
 "IndicatorsLabel": ("Indicators:", "Tunnusluvut:", "Indikatorer:"),
 "Compare": ("Compare", "Vertaa", "Jämför"),
 "Cancel": ("Cancel", "Peruuta", "Avbryt"),
}

importer = {
 "Title": ("Import Statistics Finland table", "Tuo Tilastokeskuksen taulukko", "Importera Statistikcentralens tabell"),
 "FileLabel": ("File (.px, .json)", "Tiedosto (.px, .json)", "Fil (.px, .json)"),
 "Browse": ("Browse…", "Selaa…", "Bläddra…"),
 "LanguageLabel": ("Language (fi/sv/en)", "Kieli (fi/sv/en)", "Språk (fi/sv/en)"),
 "RowsLabel": ("Rows", "Rivit", "Rader"),
 "ColumnsLabel": ("Columns", "Sarakkeet", "Kolumner"),
 "FiltersLabel": ("Filters", "Rajaukset", "Filter"),
 "Import": ("Import", "Tuo", "Importera"),
 "Cancel": ("Cancel", "Peruuta", "Avbryt"),
}


def esc(s):
    return "".join(c if ord(c) < 128 else "\\u%04x" % ord(c) for c in s)


for dialog, prefix, texts in (("ScenarioWizard", "Wizard", wizard), ("CompareDialog", "Compare", compare),
                              ("ImportDialog", "Import", importer)):
    for i, loc in enumerate(["en_US", "fi_FI", "sv_FI"]):
        with open(f"{dialog}_{loc}.properties", "w", encoding="ascii") as f:
            f.write(f"# Texts of {dialog}.xdl (generated from one table; keys are &amp;-references in the .xdl)\n")
            for n, (key, vals) in enumerate(texts.items(), 1):
                f.write(f"{n}.{prefix}.{key}={esc(vals[i])}\n")
    open(f"{dialog}_en_US.default", "w").close()
    print({k: f"{n}.{prefix}.{k}" for n, k in enumerate(texts, 1)})
