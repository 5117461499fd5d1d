#include "ProviderErrors.h"

#include "ExternalService.h"

#include <array>

namespace sb {

namespace {

// The codes a message send or a delivery receipt most often carries; titles as Twilio's error
// dictionary (twilio.com/docs/api/errors) names them.
constexpr std::array<std::pair<int, const char *>, 20> twilioTitles {{
    {20003, "Authentication failed"},
    {20429, "Too many requests"},
    {21211, "Invalid 'To' Phone Number"},
    {21408, "Permission to send an SMS has not been enabled for the region"},
    {21602, "Message body is required"},
    {21606, "The 'From' phone number is not a valid, SMS-capable inbound phone number"},
    {21608, "The 'To' number is unverified (trial account)"},
    {21610, "Attempt to send to unsubscribed recipient"},
    {21612, "The 'To' phone number is not currently reachable"},
    {21614, "'To' number is not a valid mobile number"},
    {30001, "Queue overflow"},
    {30002, "Account suspended"},
    {30003, "Unreachable destination handset"},
    {30004, "Message blocked"},
    {30005, "Unknown destination handset"},
    {30006, "Landline or unreachable carrier"},
    {30007, "Message filtered"},
    {30008, "Unknown error"},
    {30032, "Toll-free number has not been verified"},
    {30034, "Message from an unregistered number"},
}};

QString providerTitle(const QString &provider)
{
    if (provider == QLatin1String("signalwire"))
        return QStringLiteral("SignalWire");
    if (const auto known = serviceProviderFromName(provider))
        return serviceProviderTitle(*known);
    return provider;
}

} // namespace

QString twilioErrorTitle(const QString &code)
{
    bool ok = false;
    const int number = code.trimmed().toInt(&ok);
    if (!ok)
        return {};
    for (const auto &[value, title] : twilioTitles) {
        if (value == number)
            return QString::fromUtf8(title);
    }
    return {};
}

QString providerErrorText(const QString &provider, const QString &code, const QString &message)
{
    const auto trimmedCode = code.trimmed();
    const auto trimmedMessage = message.trimmed();
    if (trimmedCode.isEmpty())
        return trimmedMessage;
    auto detail = trimmedMessage;
    // SignalWire's compatibility API uses Twilio's codes.
    if (detail.isEmpty() && (provider == QLatin1String("twilio") || provider == QLatin1String("signalwire")))
        detail = twilioErrorTitle(trimmedCode);
    QString text = providerTitle(provider);
    text += QStringLiteral(" error ");
    text += trimmedCode;
    if (!detail.isEmpty() && detail != trimmedCode) {
        text += QStringLiteral(": ");
        text += detail;
    }
    return text;
}

} // namespace sb
