# Linux: freedesktop integration (desktop entry, AppStream, hicolor icons), man page, optional
# systemd unit, Debian documentation files, and the .deb generator. Included from
# packaging/CMakeLists.txt; paths come from GNUInstallDirs so a distribution can relocate them.
set(_linux ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(_generated ${CMAKE_CURRENT_BINARY_DIR}/linux)
file(MAKE_DIRECTORY ${_generated})
# Debian keeps documentation under the package name (GNUInstallDirs' DOCDIR uses the project name).
set(_docdir ${CMAKE_INSTALL_DATAROOTDIR}/doc/switchboard)

# The changelog and the AppStream <releases> list are history, kept by hand; a release bump that
# forgets them would ship a package whose documentation names the previous version.
foreach(_history IN ITEMS changelog ${SWITCHBOARD_APP_ID}.metainfo.xml)
    file(READ ${_linux}/${_history} _text)
    string(FIND "${_text}" "${PROJECT_VERSION}" _at)
    if(_at EQUAL -1)
        message(WARNING "packaging/linux/${_history} has no entry for version ${PROJECT_VERSION}")
    endif()
endforeach()

install(FILES ${_linux}/${SWITCHBOARD_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_linux}/${SWITCHBOARD_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${SWITCHBOARD_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# Optional unit for headless servers: installed, never enabled by the package (no maintainer
# scripts); the administrator opts in with `systemctl enable --now switchboard`. Relative to the
# prefix: /usr/lib/systemd/system is where Debian wants units now (lintian accepts /lib as well).
install(FILES ${_linux}/switchboard.service DESTINATION lib/systemd/system)
install(FILES ${_linux}/copyright DESTINATION ${_docdir})

# PNG sizes for desktops that do not render SVG icons. Rendered from the SVG at build time when
# rsvg-convert (librsvg2-bin) is available; otherwise the pre-rendered copies committed under
# resources/icons/hicolor (made by packaging/render-icons.py from the same SVG) are installed.
set(_icon_sizes 16 22 24 32 48 64 128 256)
find_program(SWITCHBOARD_RSVG_CONVERT rsvg-convert)
set(_icon_outputs "")
foreach(_size IN LISTS _icon_sizes)
    set(_dir ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps)
    if(SWITCHBOARD_RSVG_CONVERT)
        set(_png ${_generated}/icons/${_size}/${SWITCHBOARD_APP_ID}.png)
        add_custom_command(OUTPUT ${_png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${_generated}/icons/${_size}
            COMMAND ${SWITCHBOARD_RSVG_CONVERT} --width ${_size} --height ${_size}
                    --output ${_png} ${SWITCHBOARD_ICON_SVG}
            DEPENDS ${SWITCHBOARD_ICON_SVG}
            COMMENT "Rendering ${_size}x${_size} application icon"
            VERBATIM)
        list(APPEND _icon_outputs ${_png})
    else()
        set(_png ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${_size}x${_size}/apps/${SWITCHBOARD_APP_ID}.png)
    endif()
    install(FILES ${_png} DESTINATION ${_dir})
endforeach()

# Debian policy 12.3/12.5: man pages and changelogs are shipped gzip -9n (no name, no timestamp, so
# the package builds reproducibly).
find_program(SWITCHBOARD_GZIP gzip REQUIRED)
set(_manpage ${_generated}/switchboard.1.gz)
set(_changelog ${_generated}/changelog.gz)
foreach(_pair IN ITEMS "switchboard.1|${_manpage}" "changelog|${_changelog}")
    string(REPLACE "|" ";" _pair "${_pair}")
    list(GET _pair 0 _source)
    list(GET _pair 1 _output)
    add_custom_command(OUTPUT ${_output}
        COMMAND ${SWITCHBOARD_GZIP} -9nc ${_linux}/${_source} > ${_output}
        DEPENDS ${_linux}/${_source}
        COMMENT "Compressing ${_source}")
endforeach()
add_custom_target(switchboard_linux_data ALL DEPENDS ${_icon_outputs} ${_manpage} ${_changelog})
install(FILES ${_manpage} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# A version without a Debian revision makes this a native package, whose changelog is
# changelog.gz (changelog.Debian.gz is for packages of an upstream tarball).
install(FILES ${_changelog} DESTINATION ${_docdir})

# Full RELRO for the server binary, as Debian builds network services (lintian:
# hardening-no-bindnow): the GOT is read-only before main() runs.
target_link_options(switchboard PRIVATE LINKER:-z,relro LINKER:-z,now)

# .deb -------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # lintian: unstripped-binary-or-object is an error
set(CPACK_DEBIAN_PACKAGE_NAME switchboard)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # switchboard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins are loaded at run time, so dpkg-shlibdeps cannot see them: the SQLite driver is the
# default storage. (The xcb platform plugin comes with libqt6gui6, which shlibdeps finds; Wayland
# and PostgreSQL are optional.)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
