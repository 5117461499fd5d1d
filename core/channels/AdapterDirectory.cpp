#include "AdapterDirectory.h"

#include "AwsSesAdapter.h"
#include "AwsSnsAdapter.h"
#include "DiscordWebhookAdapter.h"
#include "ElevenLabsCallAdapter.h"
#include "FirebaseAdapter.h"
#include "MailgunAdapter.h"
#include "OneSignalAdapter.h"
#include "SendGridAdapter.h"
#include "SlackWebhookAdapter.h"
#include "TeamsWebhookAdapter.h"
#include "TwilioSmsAdapter.h"
#include "VonageSmsAdapter.h"

namespace sb::channels {

const ProviderAdapter *adapterFor(ServiceProvider provider)
{
    switch (provider) {
    case ServiceProvider::Twilio:
        return &twilioSmsAdapter();
    case ServiceProvider::Nexmo:
        return &vonageSmsAdapter();
    case ServiceProvider::AwsSns:
        return &awsSnsAdapter();
    case ServiceProvider::SendGrid:
        return &sendGridAdapter();
    case ServiceProvider::Mailgun:
        return &mailgunAdapter();
    case ServiceProvider::AwsSes:
        return &awsSesAdapter();
    case ServiceProvider::Firebase:
        return &firebaseAdapter();
    case ServiceProvider::OneSignal:
        return &oneSignalAdapter();
    case ServiceProvider::Slack:
        return &slackWebhookAdapter();
    case ServiceProvider::Teams:
        return &teamsWebhookAdapter();
    case ServiceProvider::Discord:
        return &discordWebhookAdapter();
    case ServiceProvider::ElevenLabs:
        return &elevenLabsCallAdapter();
    }
    Q_UNREACHABLE();
    return nullptr;
}

} // namespace sb::channels
