#pragma once

#include <QString>

namespace sb {

// Phone numbers in E.164 (+<country><number>), through Google's libphonenumber rather than a
// hand-written normaliser (issue 3): "(415) 555-0123" with default region US and "+1 415 555 0123"
// are one lead. Provider prefixes such as "whatsapp:" and "tel:" are dropped first.
struct PhoneNumber
{
    // The E.164 form, or an empty string when `text` is not a possible phone number (e.g. a SIP URI
    // or "client:alice" of a browser call). `defaultRegion` is an ISO 3166-1 alpha-2 code
    // (--phone-region), used only for numbers written without +country.
    static QString toE164(const QString &text, const QString &defaultRegion);
    static bool isKnownRegion(const QString &region);

private:
    static QString parseE164(const QString &text, const QString &defaultRegion);
};

} // namespace sb
