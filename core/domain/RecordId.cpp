#include "RecordId.h"

#include <QRandomGenerator>

namespace sb {

QString newRecordId(QStringView prefix, qint64 nowMs)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    char text[26];
    auto time = static_cast<quint64>(nowMs) & 0xFFFFFFFFFFFFull;
    for (int i = 9; i >= 0; --i) {
        text[i] = alphabet[time & 31];
        time >>= 5;
    }
    quint32 random[3];
    QRandomGenerator::system()->fillRange(random);
    // 80 random bits -> 16 base32 characters.
    quint64 high = (quint64(random[0]) << 8) | (random[1] & 0xFF); // 40 bits
    quint64 low = (quint64(random[1] >> 8) << 16) | (random[2] & 0xFFFF); // 40 bits
    high &= 0xFFFFFFFFFFull;
    low &= 0xFFFFFFFFFFull;
    for (int i = 17; i >= 10; --i) {
        text[i] = alphabet[high & 31];
        high >>= 5;
    }
    for (int i = 25; i >= 18; --i) {
        text[i] = alphabet[low & 31];
        low >>= 5;
    }
    return prefix.toString() + QString::fromLatin1(text, 26);
}

} // namespace sb
