# Finds the LibreOffice SDK (Debian: libreoffice-dev) and the office's type
# libraries. Provides:
#   LibreOfficeSDK::cppu   imported interface target: include dirs, the
#                          defines the SDK headers insist on, and the UNO libs
#   LibreOfficeSDK_UNOIDL_WRITE, LibreOfficeSDK_CPPUMAKER   the IDL tools
#   LibreOfficeSDK_TYPES_RDB, LibreOfficeSDK_OFFAPI_RDB       type libraries
#   LibreOfficeSDK_PROGRAM_DIR                               the office's program/
#   LibreOfficeSDK_UNOPKG                                    unopkg
include(FindPackageHandleStandardArgs)

set(_lo_roots /usr/lib/libreoffice /opt/libreoffice)
find_path(LibreOfficeSDK_ROOT NAMES include/sal/config.h PATH_SUFFIXES sdk PATHS ${_lo_roots} NO_DEFAULT_PATH)
find_path(LibreOfficeSDK_PROGRAM_DIR NAMES types.rdb PATH_SUFFIXES program PATHS ${_lo_roots} NO_DEFAULT_PATH)
find_program(LibreOfficeSDK_UNOIDL_WRITE unoidl-write HINTS ${LibreOfficeSDK_ROOT}/bin NO_DEFAULT_PATH)
find_program(LibreOfficeSDK_CPPUMAKER cppumaker HINTS ${LibreOfficeSDK_ROOT}/bin NO_DEFAULT_PATH)
find_program(LibreOfficeSDK_UNOPKG unopkg HINTS ${LibreOfficeSDK_PROGRAM_DIR})
find_library(LibreOfficeSDK_CPPU_LIBRARY uno_cppu HINTS ${LibreOfficeSDK_ROOT}/lib NO_DEFAULT_PATH)
find_library(LibreOfficeSDK_CPPUHELPER_LIBRARY uno_cppuhelpergcc3 HINTS ${LibreOfficeSDK_ROOT}/lib NO_DEFAULT_PATH)
find_library(LibreOfficeSDK_SAL_LIBRARY uno_sal HINTS ${LibreOfficeSDK_ROOT}/lib NO_DEFAULT_PATH)
set(LibreOfficeSDK_TYPES_RDB "${LibreOfficeSDK_PROGRAM_DIR}/types.rdb")
set(LibreOfficeSDK_OFFAPI_RDB "${LibreOfficeSDK_PROGRAM_DIR}/types/offapi.rdb")

find_package_handle_standard_args(LibreOfficeSDK
  REQUIRED_VARS LibreOfficeSDK_ROOT LibreOfficeSDK_PROGRAM_DIR LibreOfficeSDK_UNOIDL_WRITE
                LibreOfficeSDK_CPPUMAKER LibreOfficeSDK_CPPU_LIBRARY LibreOfficeSDK_CPPUHELPER_LIBRARY
                LibreOfficeSDK_SAL_LIBRARY)

if(LibreOfficeSDK_FOUND AND NOT TARGET LibreOfficeSDK::cppu)
  add_library(LibreOfficeSDK::cppu INTERFACE IMPORTED)
  # The SDK headers are not -Wextra clean: include them as system headers.
  set_target_properties(LibreOfficeSDK::cppu PROPERTIES
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${LibreOfficeSDK_ROOT}/include"
    INTERFACE_INCLUDE_DIRECTORIES "${LibreOfficeSDK_ROOT}/include"
    INTERFACE_COMPILE_DEFINITIONS "LINUX;UNX;CPPU_ENV=gcc3"
    INTERFACE_LINK_LIBRARIES "${LibreOfficeSDK_CPPUHELPER_LIBRARY};${LibreOfficeSDK_CPPU_LIBRARY};${LibreOfficeSDK_SAL_LIBRARY}")
endif()
mark_as_advanced(LibreOfficeSDK_ROOT LibreOfficeSDK_PROGRAM_DIR LibreOfficeSDK_UNOIDL_WRITE
                 LibreOfficeSDK_CPPUMAKER LibreOfficeSDK_UNOPKG LibreOfficeSDK_CPPU_LIBRARY
                 LibreOfficeSDK_CPPUHELPER_LIBRARY LibreOfficeSDK_SAL_LIBRARY)
