# The strict configuration every Switchboard target links.
option(SWITCHBOARD_WERROR "Treat compiler warnings as errors (CI turns this on)" OFF)

add_library(switchboard_config INTERFACE)
target_compile_features(switchboard_config INTERFACE cxx_std_20)
# Not listed: QT_NO_CONTEXTLESS_CONNECT (first read by Qt 6.7) and QT_STRICT_ITERATORS (gone since
# Qt 6.0, whose container iterators are strict already); no header of Qt 6.4 reads either macro.
target_compile_definitions(switchboard_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    SWITCHBOARD_VERSION="${PROJECT_VERSION}")
if(MSVC)
    target_compile_options(switchboard_config INTERFACE /W4 /permissive-)
    if(SWITCHBOARD_WERROR)
        target_compile_options(switchboard_config INTERFACE /WX)
    endif()
else()
    target_compile_options(switchboard_config INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(SWITCHBOARD_WERROR)
        target_compile_options(switchboard_config INTERFACE -Werror)
    endif()
endif()
