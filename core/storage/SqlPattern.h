#pragma once

#include <QString>

namespace sb {

// A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally (ESCAPE '\').
inline QString containsPattern(const QString &text)
{
    auto pattern = text;
    pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + pattern + QLatin1Char('%');
}

} // namespace sb
