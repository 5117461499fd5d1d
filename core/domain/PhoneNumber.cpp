#include "PhoneNumber.h"

#include <QHash>
#include <phonenumbers/phonenumberutil.h>

namespace sb {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;

QString withoutScheme(QString text)
{
    text = text.trimmed();
    for (const auto prefix : {QLatin1String("whatsapp:"), QLatin1String("tel:"), QLatin1String("sms:")}) {
        if (text.startsWith(prefix, Qt::CaseInsensitive))
            return text.mid(prefix.size()).trimmed();
    }
    return text;
}

} // namespace

QString PhoneNumber::toE164(const QString &text, const QString &defaultRegion)
{
    // libphonenumber parses with ICU regular expressions (some 20 µs a number); the same numbers
    // come back again and again (a lead's messages, status callbacks, CRM updates), so each thread
    // keeps the answers it computed, forgetting them all when there are too many.
    thread_local QHash<QString, QString> known;
    const QString key = defaultRegion + QLatin1Char('|') + text;
    if (const auto it = known.constFind(key); it != known.cend())
        return *it;
    if (known.size() >= 4096)
        known.clear();
    const auto e164 = parseE164(text, defaultRegion);
    known.insert(key, e164);
    return e164;
}

QString PhoneNumber::parseE164(const QString &text, const QString &defaultRegion)
{
    const auto candidate = withoutScheme(text);
    // Only digits, spaces and the usual punctuation: libphonenumber would otherwise find a number
    // inside "client:alice42" or a SIP address.
    if (candidate.isEmpty() || candidate.contains(QLatin1Char('@')) || candidate.contains(QLatin1Char(':')))
        return {};
    auto *util = PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber number;
    const auto region = defaultRegion.isEmpty() ? std::string("US") : defaultRegion.toUpper().toStdString();
    if (util->Parse(candidate.toStdString(), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    // Possible, not valid: validity follows number-plan metadata that ages (new area codes), and a
    // number a provider delivered from is real.
    if (!util->IsPossibleNumber(number))
        return {};
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

bool PhoneNumber::isKnownRegion(const QString &region)
{
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(region.toUpper().toStdString()) > 0;
}

} // namespace sb
