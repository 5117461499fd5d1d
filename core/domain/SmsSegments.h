#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// How a text travels as SMS (3GPP TS 23.038): the GSM 7-bit default alphabet when every character is in
// its basic table or its extension table, else UCS-2.
enum class SmsEncoding
{
    Gsm7,
    Ucs2
};

// Wire names: "GSM-7", "UCS-2".
QString smsEncodingName(SmsEncoding encoding);
std::optional<SmsEncoding> smsEncodingFromName(QStringView name);

// The length of one text as SMS. GSM-7 counts septets: a basic-table character is one, an
// extension-table character (escape + code: ^ { } \ [ ~ ] | € and form feed) is two. UCS-2 counts
// UTF-16 code units, so a character outside the BMP (an emoji) is a surrogate pair of two. One
// segment holds 160 septets / 70 units; a concatenated message spends part of each segment on its
// header, leaving 153 / 67. An escape pair or a surrogate pair is never split: when it does not fit
// in what is left of a segment, it starts the next one.
struct SmsSegments
{
    SmsEncoding encoding = SmsEncoding::Gsm7;
    int units = 0; // septets (GSM-7) or UTF-16 code units (UCS-2)
    int segments = 0; // 0 for an empty text
    int perSegment = 160; // capacity of each segment of this text: 160/153 (GSM-7), 70/67 (UCS-2)
    int remaining = 160; // units still free in the last segment

    static SmsSegments of(QStringView text);
    // True when every character of `text` is in the GSM-7 basic or extension table.
    static bool isGsm7(QStringView text);
    // Septets of one character: 1 (basic table), 2 (extension table), 0 (not GSM-7).
    static int gsm7Septets(QChar c);
};

} // namespace sb
