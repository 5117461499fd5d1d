#pragma once

#include <QByteArrayView>

namespace sb {

// True when `text` is `length` hexadecimal digits (either case): tells "wrong encoding" apart from
// "wrong secret" in a failure's detail.
inline bool isHexDigest(QByteArrayView text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

} // namespace sb
