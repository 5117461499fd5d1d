#include "TwilioRoutes.h"

#include "TelephonyCallbacks.h"
#include "security/SecretStore.h"
#include "server/RouteTable.h"

#include <memory>

namespace sb {

namespace {

const QString base = QStringLiteral("/api/webhooks/twilio");

using Apply = ApiResult (*)(SqlContext &, const FormFields &, const TelephonyContext &);
using KeyOf = QString (*)(const QString &, const FormFields &);

struct TwilioEndpoint
{
    QString path;
    QString handler;
    QString eventType;
    Apply apply;
    KeyOf key;
};

Ingest twilioIngest(const ApiRequest &request, const ProviderDependencies &dependencies, const TwilioEndpoint &endpoint)
{
    static const ProviderAuth auth{QStringLiteral("twilio"), QStringLiteral("twilio"), {QStringLiteral("TWILIO_AUTH_TOKEN")}};
    auto ingest = verifiedIngest(QStringLiteral("twilio"), auth.verify(request, dependencies));
    ingest.source = QStringLiteral("twilio");
    ingest.eventType = endpoint.eventType;
    if (ingest.rejection)
        return ingest;
    const auto form = FormParser::parse(request.body);
    TelephonyContext call;
    call.provider = QStringLiteral("twilio");
    call.phoneRegion = dependencies.phoneRegion;
    call.recordId = request.recordId;
    call.dedupKey = endpoint.key(call.provider, form);
    if (endpoint.apply == &TelephonyCallbacks::inboundSms)
        call.autoReplyTemplate = dependencies.secrets.value(QStringLiteral("TWILIO_SMS_AUTO_REPLY"));
    // The status callbacks name what happened; keep it as the record's event type.
    for (const auto name : {u"MessageStatus", u"CallStatus", u"RecordingStatus"}) {
        if (form.contains(name) && endpoint.apply != &TelephonyCallbacks::inboundSms)
            ingest.eventType = endpoint.eventType + QLatin1Char('.') + form.value(name);
    }
    ingest.dedupKey = call.dedupKey;
    ingest.apply = [apply = endpoint.apply, form, call](SqlContext &context) { return apply(context, form, call); };
    return ingest;
}

} // namespace

void registerTwilioRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    const TwilioEndpoint endpoints[] = {
        {QStringLiteral("/sms"), QStringLiteral("twilio.sms"), QStringLiteral("sms.received"),
         &TelephonyCallbacks::inboundSms, &TelephonyCallbacks::inboundSmsKey},
        {QStringLiteral("/sms/incoming"), QStringLiteral("twilio.sms.incoming"), QStringLiteral("sms.received"),
         &TelephonyCallbacks::inboundSms, &TelephonyCallbacks::inboundSmsKey},
        {QStringLiteral("/sms/status"), QStringLiteral("twilio.sms.status"), QStringLiteral("sms.status"),
         &TelephonyCallbacks::messageStatus, &TelephonyCallbacks::messageStatusKey},
        {QStringLiteral("/voice/status"), QStringLiteral("twilio.voice.status"), QStringLiteral("call.status"),
         &TelephonyCallbacks::callStatus, &TelephonyCallbacks::callStatusKey},
        {QStringLiteral("/voice/recording"), QStringLiteral("twilio.voice.recording"), QStringLiteral("recording"),
         &TelephonyCallbacks::recording, &TelephonyCallbacks::recordingKey},
    };
    for (const auto &endpoint : endpoints) {
        // Not rate limited: Twilio does not retry an SMS webhook answered 429 (DESIGN.md).
        routes::addWebhook(router, base + endpoint.path, ApiFamily::Provider, endpoint.handler, false,
                           [shared, endpoint](const ApiRequest &request) {
                               return twilioIngest(request, *shared, endpoint);
                           });
    }
}

} // namespace sb
