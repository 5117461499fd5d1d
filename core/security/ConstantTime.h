#pragma once

#include <QByteArrayView>

namespace sb {

// Compares without an early exit, so the time taken does not reveal how much of a signature matched.
inline bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = a.size() < b.size() ? a.size() : b.size();
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace sb
