#include "TwilioRoutes.h"

#include "TelephonyCallbacks.h"
#include "security/TwilioSignature.h"
#include "server/RouteTable.h"
#include "storage/SecretStore.h"

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

// The callback's fields, parsed once from the body: a form (application/x-www-form-urlencoded,
// Twilio's webhook format), or, for a callback signed with bodySHA256 in the URL, the JSON object the
// hash covers. The signature is checked over exactly these fields (or these bytes) and they are what
// the handler applies.
std::variant<FormFields, ApiError> callbackFields(const ApiRequest &request, bool bodySigned)
{
    if (bodySigned && mediaTypeOf(request) == "application/json") {
        auto object = JsonBody::object(request.body);
        if (auto *error = std::get_if<ApiError>(&object))
            return *error;
        auto fields = jsonObjectFields(std::get<QJsonObject>(object));
        if (!fields)
            return ApiError {ErrorKind::PayloadTooLarge, FormParser::tooManyFieldsMessage(), {}};
        return *fields;
    }
    auto parsed = parseCallbackForm(request, false);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return std::get<CallbackForm>(parsed).fields;
}

Ingest twilioIngest(
    const ApiRequest &request, const ProviderDependencies &dependencies, const TwilioEndpoint &endpoint)
{
    static const ProviderAuth auth {
        QStringLiteral("twilio"), SignatureScheme::Twilio, {QStringLiteral("TWILIO_AUTH_TOKEN")}};
    // Secret and signature header first: nothing is parsed for a request that cannot verify.
    const auto early = auth.precheck(request, dependencies);
    if (early && !early->accepted())
        return verifiedIngest(QStringLiteral("twilio"), *early);
    const bool bodySigned = !TwilioSignature::bodySha256Parameter(request.rawTarget).isEmpty();
    auto parsed = callbackFields(request, bodySigned);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return refusedUnverified(QStringLiteral("twilio"), SignatureScheme::Twilio, *error);
    const auto form = std::get<FormFields>(std::move(parsed));
    auto ingest
        = verifiedIngest(QStringLiteral("twilio"), early ? *early : auth.verify(request, dependencies, form));
    ingest.source = QStringLiteral("twilio");
    ingest.eventType = endpoint.eventType;
    if (ingest.rejection)
        return ingest;
    TelephonyContext call;
    call.provider = QStringLiteral("twilio");
    call.phoneRegion = dependencies.phoneRegion;
    call.recordId = request.recordId;
    if (endpoint.apply == &TelephonyCallbacks::inboundSms)
        call.autoReplyTemplate = dependencies.secrets.value(QStringLiteral("TWILIO_SMS_AUTO_REPLY"));
    // The status callbacks name what happened; keep it as the record's event type.
    for (const auto name : {u"MessageStatus", u"CallStatus", u"RecordingStatus"}) {
        if (form.contains(name) && endpoint.apply != &TelephonyCallbacks::inboundSms)
            ingest.eventType = endpoint.eventType + QLatin1Char('.') + form.value(name);
    }
    ingest.dedupKey = endpoint.key(call.provider, form);
    ingest.answerDuplicatesWith(TelephonyCallbacks::duplicateAnswer());
    ingest.apply
        = [apply = endpoint.apply, form, call](SqlContext &context) { return apply(context, form, call); };
    return ingest;
}

} // namespace

void registerTwilioRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    const TwilioEndpoint endpoints[] = {
        {QStringLiteral("/sms"), QStringLiteral("twilio.sms"), QStringLiteral("sms.received"),
            &TelephonyCallbacks::inboundSms, &TelephonyCallbacks::inboundSmsKey},
        {QStringLiteral("/sms/incoming"), QStringLiteral("twilio.sms.incoming"),
            QStringLiteral("sms.received"), &TelephonyCallbacks::inboundSms,
            &TelephonyCallbacks::inboundSmsKey},
        {QStringLiteral("/sms/status"), QStringLiteral("twilio.sms.status"), QStringLiteral("sms.status"),
            &TelephonyCallbacks::messageStatus, &TelephonyCallbacks::messageStatusKey},
        {QStringLiteral("/voice/status"), QStringLiteral("twilio.voice.status"),
            QStringLiteral("call.status"), &TelephonyCallbacks::callStatus,
            &TelephonyCallbacks::callStatusKey},
        {QStringLiteral("/voice/recording"), QStringLiteral("twilio.voice.recording"),
            QStringLiteral("recording"), &TelephonyCallbacks::recording, &TelephonyCallbacks::recordingKey},
    };
    for (const auto &endpoint : endpoints) {
        // Not rate limited: Twilio does not retry an SMS webhook answered 429 (DESIGN.md).
        routes::addWebhook(router, base + endpoint.path, ApiFamily::Provider, endpoint.handler, false,
            [shared, endpoint](
                const ApiRequest &request) { return twilioIngest(request, *shared, endpoint); });
    }
}

} // namespace sb
