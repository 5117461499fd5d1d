# switchboard.com: the same program as switchboard.exe, linked for the console subsystem.
#
# Why: switchboard.exe is a GUI-subsystem program so that starting the console from the Start
# menu opens no console window. But such a program has no stdout/stderr in a terminal and gets no
# Ctrl+C (ShutdownSignals uses SetConsoleCtrlHandler), so `switchboard --headless` would print
# nothing and could not be stopped cleanly. cmd.exe and PowerShell try the extensions in PATHEXT
# in order, and .COM comes before .EXE: typing `switchboard --headless` in a terminal runs this
# twin, which prints `listening on ...` and drains on Ctrl+C; the shortcut runs the .exe.
# (Visual Studio ships devenv.com/devenv.exe for the same reason.) Windows runs a PE image
# whatever its extension.
#
# The twin is built from switchboard's own source list, read here at the end of the configure
# run (packaging/ is added last), so sources added to app/CMakeLists.txt are picked up without
# touching this file.
get_target_property(_app_dir switchboard SOURCE_DIR)
get_target_property(_sources switchboard SOURCES)
set(_twin_sources "")
foreach(_source IN LISTS _sources)
    if(_source MATCHES "^\\$<" OR IS_ABSOLUTE "${_source}")
        list(APPEND _twin_sources "${_source}")
    else()
        list(APPEND _twin_sources "${_app_dir}/${_source}")
    endif()
endforeach()

qt_add_executable(switchboard_console ${_twin_sources})
foreach(_property IN ITEMS LINK_LIBRARIES INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS)
    get_target_property(_value switchboard ${_property})
    if(_value)
        set_property(TARGET switchboard_console PROPERTY ${_property} "${_value}")
    endif()
endforeach()
set_target_properties(switchboard_console PROPERTIES
    WIN32_EXECUTABLE OFF
    OUTPUT_NAME switchboard
    SUFFIX .com
    PDB_NAME switchboard_console  # not switchboard.pdb: that one belongs to the .exe
    RUNTIME_OUTPUT_DIRECTORY $<TARGET_FILE_DIR:switchboard>)
install(TARGETS switchboard_console RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
