# Windows: icon and version resource, a console twin for the headless server, Qt runtime
# deployment with windeployqt (through Qt's deploy script), the MSVC runtime, and an NSIS
# installer with Start-menu shortcuts and an uninstaller. Included from packaging/CMakeLists.txt.
set(_windows ${CMAKE_CURRENT_SOURCE_DIR}/windows)
set(_generated ${CMAKE_CURRENT_BINARY_DIR}/windows)

# Icon + VERSIONINFO. Configured into the build tree so rc.exe gets an absolute icon path
# whichever directory it runs in.
set(SWITCHBOARD_ICO ${_windows}/switchboard.ico)
set(SWITCHBOARD_VERSION_COMMAS "${PROJECT_VERSION_MAJOR},${PROJECT_VERSION_MINOR},${PROJECT_VERSION_PATCH},0")
configure_file(${_windows}/switchboard.rc.in ${_generated}/switchboard.rc @ONLY)
target_sources(switchboard PRIVATE ${_generated}/switchboard.rc)

include(${_windows}/ConsoleTwin.cmake)

# Qt runtime next to the executables: windeployqt copies the Qt DLLs the binary uses and their
# plugins (platforms, styles, tls, imageformats, sqldrivers) into the install tree and writes qt.conf.
switchboard_install_qt_runtime("plugins/sqldrivers/qsqlite*.dll")

# vcruntime140*.dll / msvcp140*.dll, so nothing else has to be installed first.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
set(CMAKE_INSTALL_UCRT_LIBRARIES OFF)  # part of Windows 10 and later
include(InstallRequiredSystemLibraries)

# NSIS ------------------------------------------------------------------------------------------
# With CPACK_VERBATIM_VARIABLES one backslash here is one backslash in the NSIS script.
file(TO_NATIVE_PATH "${SWITCHBOARD_ICO}" _ico_native)
set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_NSIS_PACKAGE_NAME Switchboard)
set(CPACK_NSIS_DISPLAY_NAME Switchboard)
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_MUI_ICON "${_ico_native}")
set(CPACK_NSIS_MUI_UNIICON "${_ico_native}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\switchboard.exe")
set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_HELP_LINK ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_BRANDING_TEXT "Switchboard ${PROJECT_VERSION}")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
# Start menu: the console (GUI subsystem) and, for servers, the headless mode in a console window.
# Leaving PATH alone on purpose (CPACK_NSIS_MODIFY_PATH truncates long PATHs in stock NSIS builds).
set(CPACK_PACKAGE_EXECUTABLES switchboard Switchboard)
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\$STARTMENU_FOLDER\\Switchboard (headless server).lnk' '$INSTDIR\\bin\\switchboard.com' '--headless' '$INSTDIR\\bin\\switchboard.exe' 0")
set(CPACK_NSIS_DELETE_ICONS_EXTRA
    "Delete '$SMPROGRAMS\\$MUI_TEMP\\Switchboard (headless server).lnk'")
