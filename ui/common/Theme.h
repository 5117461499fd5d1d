#pragma once

#include "ConsolePreferences.h"

namespace sb {

// Applies a light or dark palette, or gives the platform's back (Qt 6.4 has no colour-scheme
// hint, so "System" means: whatever palette the platform theme provided at start).
void applyTheme(ConsolePreferences::Theme theme);

} // namespace sb
