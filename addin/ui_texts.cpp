#include "ui_texts.hpp"

#include <unicode/datefmt.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <array>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <memory>
#include <vector>

namespace kuntaplan::addin {
namespace {

struct Text {
    std::string_view key, en, fi, sv;
};

// One row per text. Patterns are ICU MessageFormat: {0,number} follows the
// locale, {0,plural,…} the language's plural rules.
constexpr std::array kTexts{
    // Sheet names (prefixed with the scenario name)
    Text{"sheet.assumptions", "Assumptions", "Oletukset", "Antaganden"},
    Text{"sheet.projection", "Projection", "Ennuste", "Prognos"},
    Text{"sheet.demand", "Demand", "Palvelutarve", "Servicebehov"},
    Text{"sheet.summary", "Summary", "Yhteenveto", "Sammanfattning"},
    Text{"sheet.compare", "Comparison", "Vertailu", "J\u00e4mf\u00f6relse"},
    Text{"sheet.sources", "Sources and method", "L\u00e4hteet ja menetelm\u00e4", "K\u00e4llor och metod"},
    // Assumptions
    Text{"assumptions.title", "Scenario {0}: assumptions", "Skenaario {0}: oletukset",
         "Scenario {0}: antaganden"},
    Text{"assumptions.note", "Yellow cells are inputs: change them and the projection follows.",
         "Keltaiset solut ovat sy\u00f6tteit\u00e4: muuta niit\u00e4, niin ennuste p\u00e4ivittyy.",
         "Gula celler \u00e4r indata: \u00e4ndra dem s\u00e5 f\u00f6ljer prognosen."},
    Text{"label.tfr", "Target total fertility rate", "Tavoiteltu kokonaishedelm\u00e4llisyysluku",
         "Summerad fruktsamhet (m\u00e5l)"},
    Text{"label.improvement", "Mortality improvement per year (0 = as given)",
         "Kuolleisuuden aleneminen vuodessa (0 = annettu sellaisenaan)",
         "Minskning av d\u00f6dligheten per \u00e5r (0 = som given)"},
    // The six migration flows: parameter labels and the titles of their columns.
    Text{"label.in_region", "In-migration from within the region (% of the default)",
         "Tulomuutto seudun sis\u00e4lt\u00e4 (% oletuksesta)",
         "Inflyttning fr\u00e5n regionen (% av standardv\u00e4rdet)"},
    Text{"label.out_region", "Out-migration within the region (% of the default)",
         "L\u00e4ht\u00f6muutto muualle seudulle (% oletuksesta)",
         "Utflyttning inom regionen (% av standardv\u00e4rdet)"},
    Text{"label.in_finland", "In-migration from the rest of Finland (% of the default)",
         "Tulomuutto muualta Suomesta (% oletuksesta)",
         "Inflyttning fr\u00e5n \u00f6vriga Finland (% av standardv\u00e4rdet)"},
    Text{"label.out_finland", "Out-migration to the rest of Finland (% of the default)",
         "L\u00e4ht\u00f6muutto muualle Suomeen (% oletuksesta)",
         "Utflyttning till \u00f6vriga Finland (% av standardv\u00e4rdet)"},
    Text{"label.in_abroad", "Immigration from abroad (% of the default)", "Maahanmuutto (% oletuksesta)",
         "Invandring (% av standardv\u00e4rdet)"},
    Text{"label.out_abroad", "Emigration abroad (% of the default)", "Maastamuutto (% oletuksesta)",
         "Utvandring (% av standardv\u00e4rdet)"},
    Text{"label.net_added", "Net migration added to the flows (persons a year)",
         "Virtoihin lis\u00e4tt\u00e4v\u00e4 nettomuutto (henke\u00e4 vuodessa)",
         "Nettoflyttning som l\u00e4ggs till fl\u00f6dena (personer per \u00e5r)"},
    Text{"label.flow_scale", "Default flows \u00d7 base population \u00f7 Helsinki's {0,number,integer}",
         "Oletusvirrat \u00d7 l\u00e4ht\u00f6v\u00e4est\u00f6 \u00f7 Helsingin {0,number,integer}",
         "Standardfl\u00f6den \u00d7 basbefolkning \u00f7 Helsingfors {0,number,integer}"},
    Text{"label.boys", "Share of boys among births", "Poikien osuus syntyneist\u00e4",
         "Andelen pojkar bland f\u00f6dda"},
    Text{"label.options", "POP.PROJECT options (see the method below)",
         "POP.PROJECT-asetukset (ks. menetelm\u00e4 alla)", "POP.PROJECT-alternativ (se metoden nedan)"},
    Text{"group.in_region", "Within the region, in", "Seudun sis\u00e4inen, tulo", "Inom regionen, in"},
    Text{"group.out_region", "Within the region, out", "Seudun sis\u00e4inen, l\u00e4ht\u00f6",
         "Inom regionen, ut"},
    Text{"group.in_finland", "Rest of Finland, in", "Muu Suomi, tulo", "\u00d6vriga Finland, in"},
    Text{"group.out_finland", "Rest of Finland, out", "Muu Suomi, l\u00e4ht\u00f6",
         "\u00d6vriga Finland, ut"},
    Text{"group.in_abroad", "Abroad, in", "Ulkomaat, tulo", "Utlandet, in"},
    Text{"group.out_abroad", "Abroad, out", "Ulkomaat, l\u00e4ht\u00f6", "Utlandet, ut"},
    Text{"group.net_profile", "Profile of the added net migration",
         "Lis\u00e4tt\u00e4v\u00e4n nettomuuton profiili", "Profil f\u00f6r den tillagda nettoflyttningen"},
    Text{"group.in_total", "In-migrants, POP.PROJECT input", "Tulomuuttajat, POP.PROJECT-sy\u00f6te",
         "Inflyttare, indata till POP.PROJECT"},
    Text{"group.out_total", "Out-migrants, POP.PROJECT input",
         "L\u00e4ht\u00f6muuttajat, POP.PROJECT-sy\u00f6te", "Utflyttare, indata till POP.PROJECT"},
    Text{"label.horizon", "Horizon (years)", "Ennusteen pituus (vuotta)", "Prognosperiod (\u00e5r)"},
    Text{"label.base_year", "Base year (population on 31 Dec)",
         "L\u00e4ht\u00f6vuosi (v\u00e4est\u00f6 31.12.)", "Bas\u00e5r (befolkning 31.12)"},
    Text{"label.base_source", "Base population", "L\u00e4ht\u00f6v\u00e4est\u00f6", "Basbefolkning"},
    Text{"label.sources", "Sources and method", "L\u00e4hteet ja menetelm\u00e4", "K\u00e4llor och metod"},
    Text{"source.bundled", "Helsinki on 31 Dec 2019, Statistics Finland (bundled example)",
         "Helsinki 31.12.2019, Tilastokeskus (mukana tuleva esimerkki)",
         "Helsingfors 31.12.2019, Statistikcentralen (medf\u00f6ljande exempel)"},
    Text{"source.rates",
         "Fertility, death probabilities, the six migration flows and the profile of net international "
         "migration: Statistics Finland's 2019 population projection for Helsinki, year 2020, held constant "
         "(via the City of Porvoo's open model, MIT).",
         "Hedelm\u00e4llisyys, kuolemanvaarat, kuusi muuttovirtaa ja nettomaahanmuuton profiili: "
         "Tilastokeskuksen v\u00e4est\u00f6ennuste 2019, Helsinki, vuosi 2020 pysyv\u00e4n\u00e4 (Porvoon "
         "kaupungin avoimen mallin kautta, MIT).",
         "Fruktsamhet, d\u00f6dsrisker, de sex flyttningsstr\u00f6mmarna och profilen f\u00f6r "
         "nettoinvandringen: Statistikcentralens befolkningsprognos 2019 f\u00f6r Helsingfors, \u00e5r 2020, "
         "of\u00f6r\u00e4ndrade (via Borg\u00e5 stads \u00f6ppna modell, MIT)."},
    Text{
        "source.flows",
        "Migration: columns {0}\u2013{1} hold the default flows, persons a year by sex and by the age on 31 "
        "Dec "
        "of the year before; each is used \u00d7 its percentage above \u00d7 the scale in {2}.",
        "Muutto: sarakkeissa {0}\u2013{1} ovat oletusvirrat, henke\u00e4 vuodessa sukupuolen ja edellisen "
        "vuoden 31.12. i\u00e4n mukaan; kukin kerrotaan yll\u00e4 olevalla prosentillaan ja solun {2} "
        "skaalalla.",
        "Flyttning: kolumnerna {0}\u2013{1} inneh\u00e5ller standardfl\u00f6dena, personer per \u00e5r efter "
        "k\u00f6n och \u00e5lder den 31.12 \u00e5ret innan; vart och ett anv\u00e4nds \u00d7 sin procent "
        "ovan "
        "\u00d7 skalan i {2}."},
    Text{
        "source.migration_block",
        "Columns {0}\u2013{1} are POP.PROJECT's migration (in, out): the flows moved one row down to the age "
        "at the end of the year (nobody migrates into age 0; the open group takes ages 98 and 99), plus the "
        "added net migration spread over the profile in {2}\u2013{3} (its positive part in, its negative "
        "part out).",
        "Sarakkeet {0}\u2013{1} ovat POP.PROJECT-funktion muutto (tulo, l\u00e4ht\u00f6): virrat "
        "siirrettyin\u00e4 "
        "rivi alemmas vuoden lopun i\u00e4\u00e4n (ik\u00e4\u00e4n 0 ei muuteta; viimeinen ryhm\u00e4 saa "
        "i\u00e4t 98 ja 99) sek\u00e4 lis\u00e4tt\u00e4v\u00e4 nettomuutto jaettuna sarakkeiden "
        "{2}\u2013{3} profiilin mukaan (positiivinen osa tuloon, negatiivinen l\u00e4ht\u00f6\u00f6n).",
        "Kolumnerna {0}\u2013{1} \u00e4r POP.PROJECT:s flyttning (in, ut): fl\u00f6dena flyttade en rad ned "
        "till \u00e5ldern vid \u00e5rets slut (ingen flyttar in i \u00e5lder 0; den \u00f6ppna gruppen "
        "f\u00e5r "
        "\u00e5ldrarna 98 och 99) samt den tillagda nettoflyttningen f\u00f6rdelad enligt profilen i "
        "{2}\u2013{3} (den positiva delen in, den negativa ut)."},
    Text{
        "source.method",
        "Method: POP.PROJECT with the Helsinki-region model's conventions (migration=gross; out=counts; "
        "births=start; migration_timing=end; srb=0.51/0.49): births from the women at the start of the year, "
        "51 % boys, the migrants counted a year and added at its end without mortality, the death "
        "probabilities' row for those born in the year.",
        "Menetelm\u00e4: POP.PROJECT Helsingin seudun mallin k\u00e4yt\u00e4nn\u00f6in (migration=gross; "
        "out=counts; births=start; migration_timing=end; srb=0.51/0.49): syntyneet vuoden alun naisista, "
        "51 % poikia, muuttajat lukum\u00e4\u00e4rin\u00e4 vuodessa ja lis\u00e4ttyin\u00e4 vuoden lopussa "
        "ilman kuolleisuutta, vuoden aikana syntyneiden kuolemanvaara omalta rivilt\u00e4\u00e4n.",
        "Metod: POP.PROJECT med Helsingforsregionens modells konventioner (migration=gross; out=counts; "
        "births=start; migration_timing=end; srb=0.51/0.49): f\u00f6dda fr\u00e5n kvinnorna vid \u00e5rets "
        "b\u00f6rjan, 51 % pojkar, flyttarna som antal per \u00e5r och tillagda vid \u00e5rets slut utan "
        "d\u00f6dlighet, d\u00f6dsrisken f\u00f6r de under \u00e5ret f\u00f6dda fr\u00e5n sin egen rad."},
    Text{"source.own_base",
         "Your own base population: the default flows are Helsinki's scaled to its size. Replace them with "
         "your municipality's flows, or set their percentages, where you know better.",
         "Oma l\u00e4ht\u00f6v\u00e4est\u00f6: oletusvirrat ovat Helsingin virrat skaalattuina sen kokoon. "
         "Korvaa ne kuntasi virroilla tai muuta niiden prosentteja, kun tied\u00e4t paremmin.",
         "Egen basbefolkning: standardfl\u00f6dena \u00e4r Helsingfors skalade till dess storlek. "
         "Ers\u00e4tt dem med kommunens egna fl\u00f6den, eller \u00e4ndra deras procent, d\u00e4r du vet "
         "b\u00e4ttre."},
    Text{
        "source.services",
        "Service participation rates are EXAMPLE values, not from a real source: replace them with your own.",
        "Palvelujen osallistumisasteet ovat ESIMERKKIARVOJA, eiv\u00e4t todellisesta l\u00e4hteest\u00e4: "
        "korvaa ne omillasi.",
        "Deltagandegraderna \u00e4r EXEMPELV\u00c4RDEN, inte fr\u00e5n en verklig k\u00e4lla: ers\u00e4tt "
        "dem "
        "med egna."},
    Text{"col.age", "Age", "Ik\u00e4", "\u00c5lder"},
    Text{"col.base_male", "Base, male", "L\u00e4ht\u00f6, miehet", "Bas, m\u00e4n"},
    Text{"col.base_female", "Base, female", "L\u00e4ht\u00f6, naiset", "Bas, kvinnor"},
    Text{"col.asfr_given", "Fertility rate (given)", "Hedelm\u00e4llisyys (annettu)", "Fruktsamhet (given)"},
    Text{"col.asfr_scaled", "Fertility rate (scenario)", "Hedelm\u00e4llisyys (skenaario)",
         "Fruktsamhet (scenario)"},
    Text{"col.qx_male", "Death probability, male", "Kuolemanvaara, miehet", "D\u00f6dsrisk, m\u00e4n"},
    Text{"col.qx_female", "Death probability, female", "Kuolemanvaara, naiset", "D\u00f6dsrisk, kvinnor"},
    Text{"col.mig_share_male", "Migration profile, male", "Muuttoprofiili, miehet", "Flyttprofil, m\u00e4n"},
    Text{"col.mig_share_female", "Migration profile, female", "Muuttoprofiili, naiset",
         "Flyttprofil, kvinnor"},
    Text{"col.male", "Male", "Miehet", "M\u00e4n"},
    Text{"col.female", "Female", "Naiset", "Kvinnor"},
    Text{"col.qx_year", "Death probabilities by year (male, female)",
         "Kuolemanvaarat vuosittain (miehet, naiset)", "D\u00f6dsrisker per \u00e5r (m\u00e4n, kvinnor)"},
    // Projection, demand, summary
    Text{"projection.title", "Scenario {0}: population by age, both sexes (POP.PROJECT)",
         "Skenaario {0}: v\u00e4est\u00f6 i\u00e4n mukaan (POP.PROJECT)",
         "Scenario {0}: befolkning efter \u00e5lder (POP.PROJECT)"},
    Text{"projection.components", "Components of change", "Muutoksen osatekij\u00e4t",
         "F\u00f6r\u00e4ndringens komponenter"},
    Text{"row.population", "Population", "V\u00e4est\u00f6", "Befolkning"},
    Text{"row.births", "Births", "Syntyneet", "F\u00f6dda"},
    Text{"row.deaths", "Deaths", "Kuolleet", "D\u00f6da"},
    Text{"row.in_migration", "In-migration", "Tulomuutto", "Inflyttning"},
    Text{"row.out_migration", "Out-migration", "L\u00e4ht\u00f6muutto", "Utflyttning"},
    Text{"row.net_migration", "Net migration", "Nettomuutto", "Nettoflyttning"},
    Text{"row.natural_increase", "Natural increase", "Luonnollinen v\u00e4est\u00f6nlis\u00e4ys",
         "Naturlig folk\u00f6kning"},
    Text{"demand.title", "Scenario {0}: age segments and service demand",
         "Skenaario {0}: ik\u00e4ryhm\u00e4t ja palvelutarve",
         "Scenario {0}: \u00e5ldersgrupper och servicebehov"},
    Text{"demand.segments", "Age segments (POP.AGGREGATE)", "Ik\u00e4ryhm\u00e4t (POP.AGGREGATE)",
         "\u00c5ldersgrupper (POP.AGGREGATE)"},
    Text{"demand.services", "Services: participation rate \u00d7 population of the ages",
         "Palvelut: osallistumisaste \u00d7 ik\u00e4ryhm\u00e4n v\u00e4est\u00f6",
         "Tj\u00e4nster: deltagandegrad \u00d7 befolkning i \u00e5ldrarna"},
    Text{"col.from_age", "From age", "Alkaen i\u00e4st\u00e4", "Fr\u00e5n \u00e5lder"},
    Text{"col.to_age", "To age", "Ik\u00e4\u00e4n asti", "Till \u00e5lder"},
    Text{"col.rate", "Participation", "Osallistumisaste", "Deltagande"},
    Text{"col.segment", "Age segment", "Ik\u00e4ryhm\u00e4", "\u00c5ldersgrupp"},
    Text{"col.service", "Service", "Palvelu", "Tj\u00e4nst"},
    Text{"col.indicator", "Indicator", "Tunnusluku", "Nyckeltal"},
    Text{"service.daycare", "Early childhood education", "Varhaiskasvatus", "Sm\u00e5barnspedagogik"},
    Text{"service.basic", "Basic education", "Perusopetus", "Grundl\u00e4ggande utbildning"},
    Text{"service.upper", "Upper secondary education", "Toisen asteen koulutus", "Andra stadiet"},
    Text{"service.elderly", "Home care and housing services 75+", "Kotihoito ja asumispalvelut 75+",
         "Hemv\u00e5rd och boendeservice 75+"},
    Text{"summary.title", "Scenario {0}: summary", "Skenaario {0}: yhteenveto",
         "Scenario {0}: sammanfattning"},
    Text{"scenario.default_name", "Baseline", "Perusura", "Basalternativ"},
    Text{"scenario.numbered", "Scenario {0,number,integer}", "Skenaario {0,number,integer}",
         "Scenario {0,number,integer}"},
    Text{"scenario.undo", "New scenario {0}", "Uusi skenaario {0}", "Nytt scenario {0}"},
    Text{"summary.age_chart", "Age groups, {0}", "Ik\u00e4ryhm\u00e4t, {0}", "\u00c5ldersgrupper, {0}"},
    Text{"summary.chart", "Population, {0}", "V\u00e4est\u00f6, {0}", "Befolkning, {0}"},
    Text{"indicator.share65", "Share aged 65+", "65 vuotta t\u00e4ytt\u00e4neiden osuus", "Andel 65+"},
    Text{"indicator.dependency", "Dependency ratio (0\u201314 and 65+ per 15\u201364)",
         "Huoltosuhde (0\u201314 ja 65+ / 15\u201364)",
         "F\u00f6rs\u00f6rjningskvot (0\u201314 och 65+ / 15\u201364)"},
    Text{"indicator.age", "Aged {0}", "Ik\u00e4 {0}", "\u00c5lder {0}"},
    // Comparison
    Text{"compare.title", "Comparison of {0,plural,one{# scenario} other{# scenarios}}: {1}",
         "{0,plural,one{# skenaarion} other{# skenaarion}} vertailu: {1}",
         "J\u00e4mf\u00f6relse av {0,plural,one{# scenario} other{# scenarier}}: {1}"},
    Text{"compare.difference", "Difference {0} \u2212 {1}", "Erotus {0} \u2212 {1}",
         "Skillnad {0} \u2212 {1}"},
    Text{"compare.chart", "Population by scenario", "V\u00e4est\u00f6 skenaarioittain",
         "Befolkning per scenario"},
    Text{"col.scenario", "Scenario", "Skenaario", "Scenario"},
    // Sharing
    Text{"sources.title", "Sources and method", "L\u00e4hteet ja menetelm\u00e4", "K\u00e4llor och metod"},
    Text{
        "sources.intro",
        "This is a copy for reading: {0,plural,one{# cell that called a Kuntaplan function holds its value} "
        "other{# cells that called Kuntaplan functions hold their values}}. The formulas are listed below.",
        "T\u00e4m\u00e4 on lukukopio: {0,plural,one{# Kuntaplan-funktiota kutsunut solu "
        "sis\u00e4lt\u00e4\u00e4 "
        "arvonsa} other{# Kuntaplan-funktioita kutsunutta solua sis\u00e4lt\u00e4\u00e4 arvonsa}}. Kaavat on "
        "lueteltu alla.",
        "Detta \u00e4r en l\u00e4skopia: {0,plural,one{# cell som anropade en Kuntaplan-funktion "
        "inneh\u00e5ller "
        "sitt v\u00e4rde} other{# celler som anropade Kuntaplan-funktioner inneh\u00e5ller sina "
        "v\u00e4rden}}. "
        "Formlerna listas nedan."},
    Text{"sources.version", "Kuntaplan version", "Kuntaplan-versio", "Kuntaplan-version"},
    Text{"sources.date", "Date of the copy", "Kopion p\u00e4iv\u00e4ys", "Kopians datum"},
    Text{"sources.document", "Original workbook", "Alkuper\u00e4inen ty\u00f6kirja", "Ursprunglig arbetsbok"},
    Text{"sources.assumptions", "Assumptions", "Oletukset", "Antaganden"},
    Text{"sources.formulas", "Original formulas", "Alkuper\u00e4iset kaavat", "Ursprungliga formler"},
    Text{"col.sheet", "Sheet", "Taulukko", "Blad"},
    Text{"col.cells", "Cells", "Solut", "Celler"},
    Text{"col.formula", "Formula", "Kaava", "Formel"},
    Text{"col.value", "Value", "Arvo", "V\u00e4rde"},
    Text{"col.name", "Name", "Nimi", "Namn"},
    Text{"share.done", "Wrote {0,plural,one{# copy} other{# copies}} to {1}.",
         "Kirjoitettiin {0,plural,one{# kopio} other{# kopiota}} kansioon {1}.",
         "Skrev {0,plural,one{# kopia} other{# kopior}} till {1}."},
    Text{"share.title", "Share a copy", "Jaa kopio", "Dela en kopia"},
    Text{"share.suffix", "shared", "jaettu", "delad"},
    Text{"share.banner",
         "VALUES ONLY \u2013 a copy made {0} from \u201c{1}\u201d: the figures Kuntaplan computed are fixed "
         "values and no longer follow the inputs. The sheet \u201c{2}\u201d lists the assumptions and "
         "formulas.",
         "VAIN ARVOT \u2013 kopio ty\u00f6kirjasta \u201c{1}\u201d {0}: Kuntaplanin laskemat luvut ovat "
         "kiinteit\u00e4 "
         "arvoja eiv\u00e4tk\u00e4 en\u00e4\u00e4 muutu sy\u00f6tteiden mukana. Taulukossa \u201c{2}\u201d "
         "ovat "
         "oletukset ja kaavat.",
         "ENDAST V\u00c4RDEN \u2013 en kopia av \u201c{1}\u201d gjord {0}: talen som Kuntaplan "
         "ber\u00e4knade \u00e4r "
         "fasta v\u00e4rden och f\u00f6ljer inte l\u00e4ngre indata. Bladet \u201c{2}\u201d listar "
         "antaganden och "
         "formler."},
    Text{"share.progress.copy", "Share a copy: copying the workbook\u2026",
         "Jaa kopio: kopioidaan ty\u00f6kirjaa\u2026", "Dela en kopia: kopierar arbetsboken\u2026"},
    Text{"share.progress.freeze", "Share a copy: replacing Kuntaplan\u2019s formulas by their values\u2026",
         "Jaa kopio: korvataan Kuntaplanin kaavat arvoillaan\u2026",
         "Dela en kopia: ers\u00e4tter Kuntaplans formler med deras v\u00e4rden\u2026"},
    Text{"share.progress.sources", "Share a copy: listing the assumptions and formulas\u2026",
         "Jaa kopio: kootaan oletukset ja kaavat\u2026",
         "Dela en kopia: listar antaganden och formler\u2026"},
    Text{"share.progress.store", "Share a copy: saving the {0} file\u2026",
         "Jaa kopio: tallennetaan {0}-tiedosto\u2026", "Dela en kopia: sparar {0}-filen\u2026"},
    Text{"import.filter", "Statistical tables (PX, JSON-stat)", "Tilastotaulukot (PX, JSON-stat)",
         "Statistiska tabeller (PX, JSON-stat)"},
    Text{"import.undo", "Import table {0}", "Tuo taulukko {0}", "Importera tabell {0}"},
    Text{"error.title", "Kuntaplan", "Kuntaplan", "Kuntaplan"},
    // User guide
    Text{"guide.title", "Kuntaplan user guide", "Kuntaplan \u2013 k\u00e4ytt\u00f6opas",
         "Kuntaplan \u2013 anv\u00e4ndarhandbok"},
    Text{"guide.no_browser",
         "No web browser could be started to show the Kuntaplan user guide. Open this file in a web "
         "browser:\n{0}",
         "Kuntaplanin k\u00e4ytt\u00f6opasta ei voitu n\u00e4ytt\u00e4\u00e4, koska verkkoselainta ei voitu "
         "k\u00e4ynnist\u00e4\u00e4. Avaa t\u00e4m\u00e4 tiedosto verkkoselaimella:\n{0}",
         "Ingen webbl\u00e4sare kunde startas f\u00f6r att visa Kuntaplans anv\u00e4ndarhandbok. "
         "\u00d6ppna den h\u00e4r filen i en webbl\u00e4sare:\n{0}"},
    Text{"guide.missing", "The user guide is missing from the installed Kuntaplan extension: {0}",
         "K\u00e4ytt\u00f6opas puuttuu asennetusta Kuntaplan-lis\u00e4osasta: {0}",
         "Anv\u00e4ndarhandboken saknas i det installerade Kuntaplan-till\u00e4gget: {0}"},
    Text{"scenario.exists", "A scenario named \u201c{0}\u201d exists already: choose another name.",
         "Skenaario \u201c{0}\u201d on jo olemassa: valitse toinen nimi.",
         "Det finns redan ett scenario \u201c{0}\u201d: v\u00e4lj ett annat namn."},
    Text{"compare.none", "Found {0,plural,one{# scenario} other{# scenarios}}: at least two are needed.",
         "L\u00f6ytyi {0,plural,one{# skenaario} other{# skenaariota}}: tarvitaan v\u00e4hint\u00e4\u00e4n "
         "kaksi.",
         "Hittade {0,plural,one{# scenario} other{# scenarier}}: minst tv\u00e5 beh\u00f6vs."},
    Text{"compare.choose_two",
         "{0,plural,one{# scenario is} other{# scenarios are}} chosen: choose at least two.",
         "{0,plural,one{Valittu # skenaario} other{Valittu # skenaariota}}: valitse v\u00e4hint\u00e4\u00e4n "
         "kaksi.",
         "{0,plural,one{# scenario \u00e4r valt} other{# scenarier \u00e4r valda}}: v\u00e4lj minst "
         "tv\u00e5."},
    Text{"compare.choose_indicator", "Choose at least one indicator.",
         "Valitse v\u00e4hint\u00e4\u00e4n yksi tunnusluku.", "V\u00e4lj minst en indikator."},
    // Confirmations (an info bar over the sheet)
    Text{
        "scenario.done",
        "Scenario \u201c{0}\u201d written: assumptions, a projection of {1,number} years, service demand and "
        "the summary \u201c{2}\u201d, shown now. Change its yellow inputs and everything follows.",
        "Skenaario \u201c{0}\u201d kirjoitettu: oletukset, {1,number} vuoden ennuste, palvelutarve ja nyt "
        "n\u00e4kyv\u00e4 yhteenveto \u201c{2}\u201d. Muuta keltaisia sy\u00f6tteit\u00e4, niin kaikki "
        "p\u00e4ivittyy.",
        "Scenariot \u201c{0}\u201d skrevs: antaganden, en prognos p\u00e5 {1,number} \u00e5r, servicebehov "
        "och "
        "sammanfattningen \u201c{2}\u201d som visas nu. \u00c4ndra de gula indata s\u00e5 f\u00f6ljer allt "
        "med."},
    Text{"compare.done",
         "{0,plural,other{# scenarios}} compared side by side on the sheet \u201c{1}\u201d, shown now.",
         "{0,plural,other{# skenaariota}} verrattu rinnakkain taulukossa \u201c{1}\u201d, joka n\u00e4kyy "
         "nyt.",
         "{0,plural,other{# scenarier}} j\u00e4mf\u00f6rda sida vid sida p\u00e5 bladet \u201c{1}\u201d, som "
         "visas nu."},
    // Kuntaplan ▸ Explain error
    Text{"explain.title", "Explain error", "Selit\u00e4 virhe", "F\u00f6rklara fel"},
    Text{"explain.select", "Select the cell whose error you want explained.",
         "Valitse solu, jonka virheen haluat selitett\u00e4v\u00e4n.",
         "Markera cellen vars fel du vill f\u00e5 f\u00f6rklarat."},
    Text{"explain.no_formula", "Cell {0} holds no formula, so it has no error to explain.",
         "Solussa {0} ei ole kaavaa, joten siin\u00e4 ei ole selitett\u00e4v\u00e4\u00e4 virhett\u00e4.",
         "Cellen {0} inneh\u00e5ller ingen formel och har inget fel att f\u00f6rklara."},
    Text{"explain.no_error", "Cell {0} shows no error.", "Solussa {0} ei ole virhett\u00e4.",
         "Cellen {0} visar inget fel."},
    Text{"explain.heading", "Cell {0} shows {1} because:", "Solussa {0} n\u00e4kyy {1}, koska:",
         "Cellen {0} visar {1} eftersom:"},
    Text{
        "explain.input_error",
        "Cell {0} shows {1} because a cell its formula uses shows an error: {2}. Select that cell and "
        "explain its "
        "error.",
        "Solussa {0} n\u00e4kyy {1}, koska sen kaavan k\u00e4ytt\u00e4m\u00e4ss\u00e4 solussa on virhe: {2}. "
        "Valitse se solu ja selit\u00e4 sen virhe.",
        "Cellen {0} visar {1} eftersom en cell som formeln anv\u00e4nder visar ett fel: {2}. Markera den "
        "cellen och "
        "f\u00f6rklara dess fel."},
    Text{"explain.not_kuntaplan",
         "Cell {0} shows {1}, but no Kuntaplan function reported an error: the error comes from LibreOffice "
         "itself "
         "(for example a text where a number is expected, or a wrong number of arguments). LibreOffice Help "
         "explains its error codes.",
         "Solussa {0} n\u00e4kyy {1}, mutta mik\u00e4\u00e4n Kuntaplan-funktio ei ilmoittanut virhett\u00e4: "
         "virhe tulee LibreOfficesta itsest\u00e4\u00e4n (esimerkiksi teksti\u00e4 luvun paikalla tai "
         "v\u00e4\u00e4r\u00e4 "
         "m\u00e4\u00e4r\u00e4 argumentteja). LibreOfficen ohje selitt\u00e4\u00e4 sen virhekoodit.",
         "Cellen {0} visar {1}, men ingen Kuntaplan-funktion rapporterade n\u00e5got fel: felet kommer "
         "fr\u00e5n "
         "LibreOffice sj\u00e4lvt (till exempel en text d\u00e4r ett tal v\u00e4ntas, eller fel antal "
         "argument). "
         "LibreOffice-hj\u00e4lpen f\u00f6rklarar felkoderna."},
    Text{"scenarios.count", "{0,plural,one{# scenario} other{# scenarios}}",
         "{0,plural,one{# skenaario} other{# skenaariota}}", "{0,plural,one{# scenario} other{# scenarier}}"},
};

const Text* find(std::string_view key) {
    for (const auto& text : kTexts)
        if (text.key == key) return &text;
    return nullptr;
}

icu::UnicodeString to_icu(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

OUString to_oustring(const icu::UnicodeString& text) {
    return OUString(reinterpret_cast<const sal_Unicode*>(text.getBuffer()), text.length());
}

icu::Locale icu_locale(std::string_view language) {
    if (language == "fi") return icu::Locale("fi", "FI");
    if (language == "sv") return icu::Locale("sv", "FI");
    return icu::Locale("en", "US");
}

}  // namespace

std::string ui_language(const css::uno::Reference<css::uno::XComponentContext>& context) {
    namespace uno = css::uno;
    try {
        auto provider = css::configuration::theDefaultProvider::get(context);
        css::beans::PropertyValue path;
        path.Name = "nodepath";
        path.Value <<= OUString("/org.openoffice.Setup/L10N");
        uno::Sequence<uno::Any> arguments(1);
        arguments.getArray()[0] <<= path;
        uno::Reference<css::container::XNameAccess> access(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                  arguments),
            uno::UNO_QUERY_THROW);
        OUString locale;
        access->getByName("ooLocale") >>= locale;
        if (locale.startsWith("fi")) return "fi";
        if (locale.startsWith("sv")) return "sv";
    } catch (const uno::Exception&) {
        // no configuration (unit tests): English
    }
    return "en";
}

OUString ui_text(std::string_view language, std::string_view key,
                 std::initializer_list<MessageArgument> arguments) {
    const Text* text = find(key);
    if (!text) return OUString::createFromAscii(std::string(key).c_str());
    const std::string_view pattern = language == "fi" ? text->fi : language == "sv" ? text->sv : text->en;
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(to_icu(pattern), icu_locale(language), status);
    std::vector<icu::Formattable> values;
    for (const auto& argument : arguments) {
        if (const double* number = std::get_if<double>(&argument)) {
            values.emplace_back(*number);
        } else {
            const OUString& string = std::get<OUString>(argument);
            values.emplace_back(
                icu::UnicodeString(reinterpret_cast<const UChar*>(string.getStr()), string.getLength()));
        }
    }
    icu::UnicodeString result;
    icu::FieldPosition position;
    format.format(values.data(), static_cast<int32_t>(values.size()), result, position, status);
    if (U_FAILURE(status)) return to_oustring(to_icu(pattern));
    return to_oustring(result);
}

OUString ui_today(std::string_view language) {
    std::unique_ptr<icu::DateFormat> format(
        icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, icu_locale(language)));
    icu::UnicodeString result;
    if (format) format->format(icu::Calendar::getNow(), result);
    return to_oustring(result);
}

}  // namespace kuntaplan::addin
