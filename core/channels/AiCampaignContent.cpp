#include "AiCampaignContent.h"

#include "domain/Campaign.h"
#include "domain/Messaging.h"
#include "http/JsonBody.h"
#include "http/JsonNumber.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace sb {

namespace AiCampaignContent {

namespace {

const QStringList inputKeys {
    QStringLiteral("brief"), QStringLiteral("channel"), QStringLiteral("variants"), QStringLiteral("tone")};

QString systemPrompt()
{
    static const QString text = [] {
        QFile file(QStringLiteral(":/ai/campaign_content.txt"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    }();
    return text;
}

bool isEmail(const Brief &brief)
{
    return brief.channel == channelName(Channel::Email);
}

// The JSON object in an answer, also when a model wrapped it in a Markdown code fence.
QString unfenced(QString text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1String("```"))) {
        const auto firstLine = text.indexOf(QLatin1Char('\n'));
        const auto close = text.lastIndexOf(QLatin1String("```"));
        if (firstLine > 0 && close > firstLine)
            text = text.mid(firstLine + 1, close - firstLine - 1).trimmed();
    }
    return text;
}

std::optional<QString> placeholderProblem(const QString &text, const QString &field, int index)
{
    const auto unknown = CampaignTemplate::unknownPlaceholders(text);
    if (unknown.isEmpty())
        return std::nullopt;
    return QStringLiteral("variant %1 uses the unknown placeholder {%2} in its %3 (known: %4)")
        .arg(index + 1)
        .arg(unknown.first(), field, CampaignTemplate::placeholders().join(QStringLiteral(", ")));
}

} // namespace

QString purpose()
{
    return QStringLiteral("campaign_content");
}

std::variant<Brief, QString> readBrief(const QJsonObject &input)
{
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (!inputKeys.contains(it.key()))
            return QStringLiteral("%1 is not a member of a content request (%2)")
                .arg(it.key(), inputKeys.join(QStringLiteral(", ")));
    }
    Brief brief;
    const auto text = input.value(QStringLiteral("brief"));
    if (!text.isString() || text.toString().trimmed().isEmpty())
        return QStringLiteral("brief is required (a non-empty string)");
    brief.brief = text.toString().trimmed();
    if (brief.brief.size() > briefMaxLength)
        return QStringLiteral("brief is longer than %1 characters").arg(briefMaxLength);
    const auto channel = input.value(QStringLiteral("channel")).toString();
    if (channel != channelName(Channel::Sms) && channel != channelName(Channel::Email))
        return QStringLiteral("channel must be sms or email");
    brief.channel = channel;
    const auto variants = input.value(QStringLiteral("variants"));
    if (!variants.isUndefined() && !variants.isNull()) {
        const auto count = jsonInteger(variants, minVariants);
        if (!count || *count > maxVariants)
            return QStringLiteral("variants must be a whole number from %1 to %2")
                .arg(minVariants)
                .arg(maxVariants);
        brief.variants = int(*count);
    }
    const auto tone = input.value(QStringLiteral("tone"));
    if (!tone.isUndefined() && !tone.isNull()) {
        if (!tone.isString())
            return QStringLiteral("tone must be a string");
        brief.tone = tone.toString().trimmed();
        if (brief.tone.size() > toneMaxLength)
            return QStringLiteral("tone is longer than %1 characters").arg(toneMaxLength);
    }
    return brief;
}

AiRequest request(const Brief &brief)
{
    QStringList placeholders;
    for (const auto &name : CampaignTemplate::placeholders())
        placeholders.append(QLatin1Char('{') + name + QLatin1Char('}'));
    const QString rules = isEmail(brief)
        ? QStringLiteral("Email: give every variant a short subject line (it may use the placeholders too) "
                         "and a body of a few short paragraphs with a greeting and a sign-off.")
        : QStringLiteral("SMS: no subject; every body at most %1 characters (count the placeholders as "
                         "written), one short message with a clear next step.")
              .arg(smsMaxLength);
    auto system = systemPrompt();
    system.replace(QLatin1String("${channel_rules}"), rules);
    system.replace(QLatin1String("${channel}"), brief.channel);
    system.replace(QLatin1String("${variants}"), QString::number(brief.variants));
    system.replace(QLatin1String("${tone}"),
        brief.tone.isEmpty() ? QStringLiteral("friendly and professional") : brief.tone);
    system.replace(QLatin1String("${placeholders}"), placeholders.join(QStringLiteral(", ")));

    AiRequest request;
    request.purpose = purpose();
    request.responseFormat = QJsonObject {{QStringLiteral("type"), QStringLiteral("json_object")}};
    request.messages = {AiMessage {QStringLiteral("system"), system},
        AiMessage {QStringLiteral("user"), QStringLiteral("The campaign brief:\n\n%1").arg(brief.brief)}};
    return request;
}

std::variant<QList<Variant>, QString> readVariants(const QString &text, const Brief &brief)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(unfenced(text).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("the answer is not JSON (%1)").arg(error.errorString());
    if (!document.isObject())
        return QStringLiteral("the answer is not a JSON object");
    const auto array = document.object().value(QStringLiteral("variants"));
    if (!array.isArray() || array.toArray().isEmpty())
        return QStringLiteral("the answer has no \"variants\" array");
    const auto items = array.toArray();
    if (items.size() < brief.variants)
        return QStringLiteral("asked for %1 variants, the answer has %2")
            .arg(brief.variants)
            .arg(items.size());
    QList<Variant> variants;
    for (int i = 0; i < brief.variants; ++i) {
        const auto item = items.at(i).toObject();
        const auto body = item.value(QStringLiteral("body"));
        if (!body.isString() || body.toString().trimmed().isEmpty())
            return QStringLiteral("variant %1 has no body").arg(i + 1);
        Variant variant;
        variant.body = body.toString().trimmed();
        if (auto problem = placeholderProblem(variant.body, QStringLiteral("body"), i))
            return *problem;
        if (isEmail(brief)) {
            const auto subject = item.value(QStringLiteral("subject"));
            if (!subject.isString() || subject.toString().trimmed().isEmpty())
                return QStringLiteral("variant %1 has no subject (an email needs one)").arg(i + 1);
            variant.subject = subject.toString().trimmed();
            if (auto problem = placeholderProblem(variant.subject, QStringLiteral("subject"), i))
                return *problem;
        } else if (variant.body.size() > smsMaxLength) {
            return QStringLiteral("variant %1 is %2 characters long (an SMS body may have %3)")
                .arg(i + 1)
                .arg(variant.body.size())
                .arg(smsMaxLength);
        }
        variants.append(variant);
    }
    return variants;
}

namespace {

struct Job
{
    AiSettings settings;
    AiRequest request;
    Brief brief;
    Outcome outcome;
    std::function<void(const Outcome &)> done;
};

void log(SqlWorker &writer, const std::shared_ptr<Job> &job, const AiOutcome &outcome, QObject *context,
    std::function<void()> then)
{
    SqlJob sql;
    sql.run = [job, outcome](SqlContext &c) -> ApiResult {
        AiCallLog::record(c, job->settings, job->request, outcome);
        return ApiResponse {};
    };
    sql.replyContext = context;
    sql.done = [then = std::move(then)](const ApiResult &) { then(); };
    writer.submit(std::move(sql));
}

void attempt(SqlWorker &writer, const std::shared_ptr<Job> &job, QPointer<QObject> guard)
{
    if (!guard)
        return;
    auto &outcome = job->outcome;
    int retryAfter = 0;
    if (!AiRateLimiter::shared().tryAcquire(
            job->settings.ratePerMinute, QDateTime::currentMSecsSinceEpoch(), &retryAfter)) {
        AiOutcome refused;
        refused.status = AiCallStatus::RateLimited;
        refused.model = job->settings.model;
        refused.retryAfterSeconds = retryAfter;
        refused.error = QStringLiteral("AI calls are limited to %1 per minute; try again in %2 s")
                            .arg(job->settings.ratePerMinute)
                            .arg(retryAfter);
        outcome.result = Result::RateLimited;
        outcome.last = refused;
        log(writer, job, refused, guard.data(), [job] { job->done(job->outcome); });
        return;
    }
    ++outcome.calls;
    AiClient::send(
        job->settings, job->request, guard.data(), {}, [&writer, job, guard](const AiOutcome &answer) {
            auto logged = answer;
            auto &outcome = job->outcome;
            outcome.last = answer;
            bool retry = false;
            if (answer.ok()) {
                auto read = readVariants(answer.text, job->brief);
                if (auto *variants = std::get_if<QList<Variant>>(&read)) {
                    outcome.result = Result::Written;
                    outcome.variants = *variants;
                    outcome.reason.clear();
                } else {
                    outcome.result = Result::Invalid;
                    outcome.reason = std::get<QString>(read);
                    logged.status = AiCallStatus::Failed;
                    logged.error = QStringLiteral("unusable answer: %1").arg(outcome.reason);
                    retry = true;
                }
            } else {
                // A 2xx whose completion could not be read is an unusable answer too.
                const bool unreadable = answer.httpStatus >= 200 && answer.httpStatus < 300;
                outcome.result = unreadable ? Result::Invalid : Result::Failed;
                outcome.reason = unreadable ? answer.error : QString();
                retry = unreadable;
            }
            const bool again = retry && outcome.calls < attempts;
            log(writer, job, logged, guard.data(), [&writer, job, guard, again] {
                if (again)
                    attempt(writer, job, guard);
                else
                    job->done(job->outcome);
            });
        });
}

} // namespace

void write(SqlWorker &reader, SqlWorker &writer, const QProcessEnvironment &environment, const Brief &brief,
    QObject *context, std::function<void(const Outcome &)> done)
{
    auto job = std::make_shared<Job>();
    job->brief = brief;
    job->request = request(brief);
    job->done = std::move(done);
    QPointer<QObject> guard(context);
    SqlJob read;
    read.run = [job, environment](SqlContext &c) -> ApiResult {
        job->settings = AiSettings::load(c, environment);
        return ApiResponse {};
    };
    read.replyContext = context;
    read.done = [&writer, job, guard](const ApiResult &) {
        if (!guard)
            return;
        if (!job->settings.configured()) {
            job->outcome.result = Result::NotConfigured;
            job->outcome.last.error = AiSettings::notConfiguredHint();
            job->done(job->outcome);
            return;
        }
        attempt(writer, job, guard);
    };
    reader.submit(std::move(read));
}

} // namespace AiCampaignContent

namespace {

ApiResponse detail(int status, const QString &message, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("detail"), message);
    return ApiResponse::json(status, extra);
}

QJsonValue providerStatus(const AiOutcome &outcome)
{
    return outcome.httpStatus > 0 ? QJsonValue(outcome.httpStatus) : QJsonValue();
}

} // namespace

void registerAiCampaignContentRoutes(Router &router, const AiRouteDependencies &dependencies)
{
    const auto deps = std::make_shared<AiRouteDependencies>(dependencies);
    const auto path = QStringLiteral("/api/campaigns/content");
    routes::addAsync(router, "POST", path, ApiFamily::Communications, QStringLiteral("campaigns.content"),
        [deps](const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
            auto parsed = JsonBody::object(request.body);
            if (auto *error = std::get_if<ApiError>(&parsed)) {
                done(*error);
                return;
            }
            auto brief = AiCampaignContent::readBrief(std::get<QJsonObject>(parsed));
            if (auto *problem = std::get_if<QString>(&brief)) {
                done(ApiError {ErrorKind::BadRequest, *problem});
                return;
            }
            AiCampaignContent::write(deps->reader, deps->writer, deps->environment,
                std::get<AiCampaignContent::Brief>(brief), context,
                [done](const AiCampaignContent::Outcome &outcome) {
                    using R = AiCampaignContent::Result;
                    const auto &last = outcome.last;
                    switch (outcome.result) {
                    case R::NotConfigured:
                        done(ApiError {ErrorKind::Unavailable, last.error});
                        return;
                    case R::RateLimited: {
                        auto answer = detail(429, last.error,
                            {{QStringLiteral("retry_after_seconds"), last.retryAfterSeconds}});
                        answer.headers.append({"Retry-After", QByteArray::number(last.retryAfterSeconds)});
                        done(answer);
                        return;
                    }
                    case R::Invalid:
                        done(detail(502,
                            QStringLiteral("The AI's answer was not usable after %1 attempts: %2")
                                .arg(outcome.calls)
                                .arg(outcome.reason),
                            {{QStringLiteral("provider_status"), providerStatus(last)},
                                {QStringLiteral("attempts"), outcome.calls}}));
                        return;
                    case R::Failed:
                        done(detail(last.status == AiCallStatus::TimedOut ? 504 : 502, last.error,
                            {{QStringLiteral("provider_status"), providerStatus(last)},
                                {QStringLiteral("attempts"), outcome.calls}}));
                        return;
                    case R::Written:
                        break;
                    }
                    QJsonArray variants;
                    for (const auto &variant : outcome.variants) {
                        QJsonObject item {{QStringLiteral("body"), variant.body}};
                        if (!variant.subject.isEmpty())
                            item.insert(QStringLiteral("subject"), variant.subject);
                        variants.append(item);
                    }
                    QJsonObject usage;
                    if (last.promptTokens)
                        usage.insert(QStringLiteral("prompt_tokens"), *last.promptTokens);
                    if (last.completionTokens)
                        usage.insert(QStringLiteral("completion_tokens"), *last.completionTokens);
                    done(ApiResponse::json(200,
                        QJsonObject {{QStringLiteral("variants"), variants},
                            {QStringLiteral("model"), last.model}, {QStringLiteral("usage"), usage},
                            {QStringLiteral("attempts"), outcome.calls}}));
                });
        });

    using namespace schema;
    RouteDoc doc;
    doc.summary = QStringLiteral("Write campaign content with AI");
    doc.description = QStringLiteral(
        "Subject/body variants for a campaign from a brief, written by the configured OpenAI-compatible "
        "model with JSON output. Every variant uses only the campaign template placeholders (%1) and an "
        "SMS body has at most %2 characters; an answer that is not usable is asked for once more, then "
        "502. Each call is logged in ai_calls (purpose campaign_content) and counts toward the AI rate "
        "limit. Nothing is saved or sent.")
                          .arg(CampaignTemplate::placeholders().join(QStringLiteral(", ")))
                          .arg(AiCampaignContent::smsMaxLength);
    doc.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("brief"),
                    string(QStringLiteral("What the campaign is about (at most %1 characters)")
                               .arg(AiCampaignContent::briefMaxLength))},
                   {QStringLiteral("channel"),
                       oneOfValues({channelName(Channel::Sms), channelName(Channel::Email)})},
                   {QStringLiteral("variants"),
                       integerRange(AiCampaignContent::minVariants, AiCampaignContent::maxVariants,
                           QStringLiteral("How many variants (default %1)")
                               .arg(AiCampaignContent::defaultVariants))},
                   {QStringLiteral("tone"), string(QStringLiteral("e.g. friendly, formal, playful"))}},
            {QStringLiteral("brief"), QStringLiteral("channel")}, {}, true),
        {}}};
    const auto variant = object({{QStringLiteral("subject"), string(QStringLiteral("Email only"))},
                                    {QStringLiteral("body"), string(QStringLiteral("A campaign template"))}},
        {QStringLiteral("body")});
    doc.responses = {
        jsonResponse(200, QStringLiteral("The variants"),
            object({{QStringLiteral("variants"), array(variant)}, {QStringLiteral("model"), string()},
                       {QStringLiteral("usage"), anyObject()},
                       {QStringLiteral("attempts"), integerRange(1, AiCampaignContent::attempts)}},
                {QStringLiteral("variants"), QStringLiteral("model")})),
        errorResponse(400, QStringLiteral("A missing or invalid member (detail names it)")),
        errorResponse(429, QStringLiteral("Over the AI calls per minute (Retry-After)")),
        errorResponse(502,
            QStringLiteral("The AI provider answered an error, or twice an answer that is not usable (detail "
                           "says why)")),
        errorResponse(503, QStringLiteral("AI is not configured (detail says how)")),
        errorResponse(504, QStringLiteral("The AI provider did not answer in time"))};
    router.document("POST", path, doc);
}

} // namespace sb
