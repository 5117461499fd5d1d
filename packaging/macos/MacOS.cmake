# macOS: Switchboard.app (Info.plist, .icns), Qt frameworks and plugins deployed into the bundle
# with macdeployqt (through Qt's deploy script), and a drag-and-drop .dmg. Included from
# packaging/CMakeLists.txt.
set(_macos ${CMAKE_CURRENT_SOURCE_DIR}/macos)
set(_generated ${CMAKE_CURRENT_BINARY_DIR}/macos)

# "Switchboard.app" in /Applications. The bundle and its executable share OUTPUT_NAME; the
# default macOS file system ignores case, so Switchboard.app/Contents/MacOS/switchboard --headless
# works from a terminal as documented.
set_target_properties(switchboard PROPERTIES
    OUTPUT_NAME Switchboard
    MACOSX_BUNDLE_INFO_PLIST ${_generated}/Info.plist)
set(SWITCHBOARD_BUNDLE_EXECUTABLE Switchboard)
set(SWITCHBOARD_MINIMUM_MACOS ${CMAKE_OSX_DEPLOYMENT_TARGET})
if(NOT SWITCHBOARD_MINIMUM_MACOS)
    set(SWITCHBOARD_MINIMUM_MACOS 10.14)  # Qt 6.4's minimum
endif()
configure_file(${_macos}/Info.plist.in ${_generated}/Info.plist @ONLY)

# switchboard.icns is committed (packaging/render-icons.py packs it from the SVG; on a Mac
# `iconutil -c icns` on an .iconset of the same PNGs gives an equivalent file).
set(_icns ${_macos}/switchboard.icns)
target_sources(switchboard PRIVATE ${_icns})
set_source_files_properties(${_icns} TARGET_DIRECTORY switchboard
    PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

# macdeployqt copies the Qt frameworks and plugins (cocoa, styles, tls, sqldrivers) into the
# bundle and rewrites the install names.
switchboard_install_qt_runtime("Switchboard.app/Contents/PlugIns/sqldrivers/libqsqlite*.dylib")
# After that the binaries' signatures are invalid, and Apple silicon refuses to run unsigned code:
# sign ad hoc (a release build replaces this with a Developer ID signature and notarisation).
install(CODE [[
    set(_app "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/Switchboard.app")
    execute_process(COMMAND codesign --force --deep --sign - "${_app}" RESULT_VARIABLE _signed)
    if(NOT _signed EQUAL 0)
        message(FATAL_ERROR "codesign failed for ${_app}")
    endif()
]])

# .dmg ------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME Switchboard)
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_FILE_NAME "Switchboard-${PROJECT_VERSION}-macOS")
# The GPL needs no click-through; skip the SLA dialog DragNDrop would build from the licence.
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
