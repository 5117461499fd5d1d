#include "SmsSegments.h"

#include <QList>

namespace sb {

namespace {

constexpr int kGsmSingle = 160;
constexpr int kGsmMulti = 153;
constexpr int kUcsSingle = 70;
constexpr int kUcsMulti = 67;

// The GSM 7-bit default alphabet's basic table (3GPP TS 23.038 section 6.2.1), as Unicode, in code
// order; position 0x1B (the escape to the extension table) is not a character of its own.
constexpr char16_t kBasicTable[] = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1B"
                                   u"ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                   u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
                                   u"¿abcdefghijklmnopqrstuvwxyzäöñüà";

// The extension table (section 6.2.1.1): each is sent as escape + code, two septets.
constexpr char16_t kExtensionTable[] = u"\f^{}\\[~]|€";

bool inTable(const char16_t *table, char16_t c)
{
    for (const char16_t *p = table; *p != 0; ++p) {
        if (*p == c)
            return c != 0x1B;
    }
    return false;
}

} // namespace

QString smsEncodingName(SmsEncoding encoding)
{
    switch (encoding) {
    case SmsEncoding::Gsm7:
        return QStringLiteral("GSM-7");
    case SmsEncoding::Ucs2:
        return QStringLiteral("UCS-2");
    }
    return {};
}

std::optional<SmsEncoding> smsEncodingFromName(QStringView name)
{
    for (SmsEncoding encoding : {SmsEncoding::Gsm7, SmsEncoding::Ucs2}) {
        if (name.compare(smsEncodingName(encoding), Qt::CaseInsensitive) == 0)
            return encoding;
    }
    return std::nullopt;
}

int SmsSegments::gsm7Septets(QChar c)
{
    const char16_t code = c.unicode();
    if (inTable(kBasicTable, code))
        return 1;
    if (inTable(kExtensionTable, code))
        return 2;
    return 0;
}

bool SmsSegments::isGsm7(QStringView text)
{
    for (QChar c : text) {
        if (gsm7Septets(c) == 0)
            return false;
    }
    return true;
}

SmsSegments SmsSegments::of(QStringView text)
{
    SmsSegments result;
    result.encoding = isGsm7(text) ? SmsEncoding::Gsm7 : SmsEncoding::Ucs2;
    const bool gsm = result.encoding == SmsEncoding::Gsm7;
    const int single = gsm ? kGsmSingle : kUcsSingle;
    const int multi = gsm ? kGsmMulti : kUcsMulti;

    // The text as indivisible pieces: one character (1 septet / 1 unit), an escape pair (2 septets)
    // or a surrogate pair (2 units).
    QList<int> pieces;
    pieces.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (gsm) {
            pieces.append(gsm7Septets(text[i]));
        } else if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            pieces.append(2);
            ++i;
        } else {
            pieces.append(1);
        }
    }
    for (int size : pieces)
        result.units += size;

    if (result.units == 0) {
        result.perSegment = single;
        result.remaining = single;
        return result;
    }
    if (result.units <= single) {
        result.segments = 1;
        result.perSegment = single;
        result.remaining = single - result.units;
        return result;
    }
    result.perSegment = multi;
    result.segments = 1;
    int used = 0;
    for (int size : pieces) {
        if (used + size > multi) {
            ++result.segments;
            used = 0;
        }
        used += size;
    }
    result.remaining = multi - used;
    return result;
}

} // namespace sb
