#pragma once

#include "AiClient.h"
#include "AiDrafting.h"
#include "server/Router.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <functional>
#include <optional>
#include <variant>

namespace sb {

class SqlWorker;

// Campaign message variants written by the AI from a brief (issue 14, 6b). The system prompt is
// resources/ai/campaign_content.txt; the answer is asked for as a JSON object (response_format
// json_object) and checked: every variant's body (and an email's subject) uses only the campaign
// template placeholders (CampaignTemplate, as a campaign save checks them) and an SMS body is at most
// smsMaxLength characters. An unusable answer is asked for once more, then given up.
namespace AiCampaignContent {

constexpr int minVariants = 1;
constexpr int maxVariants = 5;
constexpr int defaultVariants = 3;
constexpr int smsMaxLength = 480;
constexpr int briefMaxLength = 4000;
constexpr int toneMaxLength = 200;
constexpr int attempts = 2; // the first call and one retry

struct Brief
{
    QString brief;
    QString channel; // channelName(Channel::Sms) or channelName(Channel::Email)
    int variants = defaultVariants;
    QString tone;
};

struct Variant
{
    QString subject; // email only
    QString body;
};

// {"brief", "channel", "variants"?, "tone"?} → the brief, or the message naming what is wrong.
std::variant<Brief, QString> readBrief(const QJsonObject &input);
// The chat request for `brief` (system prompt + the brief as the user's message).
AiRequest request(const Brief &brief);
// The AI's answer text → the variants, or why they are unusable.
std::variant<QList<Variant>, QString> readVariants(const QString &text, const Brief &brief);

enum class Result
{
    Written,
    NotConfigured,
    RateLimited,
    Invalid, // the AI answered, twice, with nothing usable: `reason` says why
    Failed, // the provider's error or a timeout: outcome.error says which
};

struct Outcome
{
    Result result = Result::Failed;
    QList<Variant> variants;
    AiOutcome last; // the last call's outcome (model, tokens, error, status)
    QString reason; // Invalid: why the last answer was not usable
    int calls = 0;
};

// Reads the settings on `reader`, then calls the AI in `context`'s thread (rate-limited per call,
// each call logged in ai_calls with purpose campaign_content on `writer`), retries an unusable
// answer once, then `done`.
void write(SqlWorker &reader, SqlWorker &writer, const QProcessEnvironment &environment, const Brief &brief,
    QObject *context, std::function<void(const Outcome &)> done);

QString purpose(); // "campaign_content"

} // namespace AiCampaignContent

// POST /api/campaigns/content (admin, Communications envelope, errors {"detail": ".."}):
//   {"brief", "channel": "sms"|"email", "variants": 1..5, "tone"?} → 200 {"variants": [{"subject"?,
//   "body"}], "model", "usage"}; 400 bad input; 429 over the AI rate; 502 provider error or no usable
//   answer after the retry; 503 not configured; 504 timeout.
void registerAiCampaignContentRoutes(Router &router, const AiRouteDependencies &dependencies);

} // namespace sb
