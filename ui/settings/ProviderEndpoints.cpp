#include "ProviderEndpoints.h"

#include "leads/LeadCommands.h"

namespace sb {

std::vector<ProviderEndpoint> ProviderEndpoints::all()
{
    const auto twilio = QStringLiteral("Twilio");
    const auto twilioSecret = QStringLiteral("TWILIO_AUTH_TOKEN");
    const auto mailgun = QStringLiteral("Mailgun");
    const auto mailgunSecret = QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY");
    const auto elevenLabs = QStringLiteral("ElevenLabs");
    std::vector<ProviderEndpoint> endpoints {
        {twilio, QStringLiteral("/api/webhooks/twilio/sms"), tr("Messaging webhook (A message comes in)"),
            twilioSecret},
        {twilio, QStringLiteral("/api/webhooks/twilio/sms/incoming"), tr("Incoming SMS (alternative path)"),
            twilioSecret},
        {twilio, QStringLiteral("/api/webhooks/twilio/sms/status"), tr("SMS status callback"), twilioSecret},
        {twilio, QStringLiteral("/api/webhooks/twilio/voice/status"), tr("Call status callback"),
            twilioSecret},
        {twilio, QStringLiteral("/api/webhooks/twilio/voice/recording"), tr("Recording status callback"),
            twilioSecret},
        {mailgun, QStringLiteral("/api/webhooks/mailgun/inbound"), tr("Inbound route (forward)"),
            mailgunSecret},
        {mailgun, QStringLiteral("/api/webhooks/mailgun/events"), tr("Event webhooks (delivered, failed, …)"),
            mailgunSecret},
        {QStringLiteral("SignalWire"), QStringLiteral("/api/webhooks/signalwire"),
            tr("Messaging and voice callbacks"), QStringLiteral("SIGNALWIRE_SIGNING_KEY")},
        {elevenLabs, QStringLiteral("/api/webhooks/elevenlabs"), tr("General webhook"),
            QStringLiteral("ELEVENLABS_WEBHOOK_SECRET")},
        {elevenLabs, QStringLiteral("/api/webhooks/elevenlabs/post-call"), tr("Post-call webhook"),
            QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET")},
        {elevenLabs, QStringLiteral("/api/webhooks/elevenlabs/conversation-events"),
            tr("Conversation events"), QStringLiteral("ELEVENLABS_CONVERSATION_EVENTS_WEBHOOK_SECRET")},
        {elevenLabs, QStringLiteral("/api/webhooks/elevenlabs/conversation-initiation"),
            tr("Conversation initiation (client data)"), QStringLiteral("ELEVENLABS_WEBHOOK_SECRET")},
        {tr("Campaign"), QStringLiteral("/api/webhooks/campaign/execute"), tr("Campaign trigger"),
            QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN")},
        {tr("Test"), QStringLiteral("/api/webhooks/test"), tr("Any JSON, for trying things out"), QString()},
        {QStringLiteral("CRM"), QStringLiteral("/api/v1/webhooks/incoming"),
            tr("Generic router (event in the body)"), QStringLiteral("CRM_WEBHOOK_SECRET")},
    };
    // The CRM endpoints come from the command table itself, so this list cannot drift from the routes.
    for (const auto &spec : leadEvents()) {
        if (spec.path.isEmpty())
            continue;
        endpoints.push_back({QStringLiteral("CRM"), QStringLiteral("/api/v1/webhooks/incoming/") + spec.path,
            spec.event, QStringLiteral("CRM_WEBHOOK_SECRET")});
    }
    return endpoints;
}

QString ProviderEndpoints::url(const QString &base, const QString &path)
{
    auto trimmed = base;
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    return trimmed + path;
}

} // namespace sb
