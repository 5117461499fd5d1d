# The strict configuration every Switchboard target links.
add_library(switchboard_config INTERFACE)
target_compile_features(switchboard_config INTERFACE cxx_std_20)
target_compile_definitions(switchboard_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    SWITCHBOARD_VERSION="${PROJECT_VERSION}")
if(MSVC)
    target_compile_options(switchboard_config INTERFACE /W4 /permissive-)
else()
    target_compile_options(switchboard_config INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
endif()
