# The shipped template workbooks, by the generator (templates/make_<generator>.py) that builds them,
# each in English, Finnish and Swedish under file names in its language (templates/localise.py:
# FILE_NAMES). Included by the top-level CMakeLists.txt: packaging/ ships them, templates/ builds them.
set(KUNTAPLAN_TEMPLATE_GENERATORS population costing school_network strategy)
set(KUNTAPLAN_TEMPLATES_population population väestöennuste befolkningsprognos)
set(KUNTAPLAN_TEMPLATES_costing
    service-costing palvelujen-kustannuslaskenta tjänstekostnader
    impact vaikutusarvio konsekvensbedömning)
set(KUNTAPLAN_TEMPLATES_school_network school-network kouluverkko skolnätverk)
set(KUNTAPLAN_TEMPLATES_strategy strategy strategia strategi)

set(KUNTAPLAN_TEMPLATES_DIR ${CMAKE_BINARY_DIR}/templates)
set(KUNTAPLAN_TEMPLATES_OTS "")
foreach(generator IN LISTS KUNTAPLAN_TEMPLATE_GENERATORS)
  foreach(name IN LISTS KUNTAPLAN_TEMPLATES_${generator})
    list(APPEND KUNTAPLAN_TEMPLATES_OTS ${KUNTAPLAN_TEMPLATES_DIR}/${name}.ots)
  endforeach()
endforeach()
