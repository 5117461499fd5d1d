#include "Handovers.h"

#include "domain/EmailAddress.h"
#include "domain/IsoTime.h"
#include "storage/StoredSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace sb {

Q_LOGGING_CATEGORY(lcHandover, "switchboard.handover")

namespace {

const QString defaultRepKey = QStringLiteral("handover/default_rep");
const QString notifyKey = QStringLiteral("handover/notify");
const QString repPhoneKey = QStringLiteral("handover/rep_phone");
const QString repEmailKey = QStringLiteral("handover/rep_email");
const QString serviceIdKey = QStringLiteral("handover/service_id");

std::optional<QString> stored(SqlContext &context, const QString &key)
{
    return StoredSettings::value(context, key);
}

void store(SqlContext &context, const QString &key, const QString &value)
{
    StoredSettings::put(context, key, value);
}

bool isE164(const QString &phone)
{
    static const QRegularExpression e164(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    return e164.match(phone).hasMatch();
}

std::optional<qint64> optionalId(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

const QString handoverColumns
    = QStringLiteral("id, conversation_id, lead_id, rule, reason, assigned_to, state, message_id, "
                     "notified_via, created_at, updated_at, accepted_at, closed_at");

std::optional<Handover> readOne(SqlContext &context, const QString &where, const QVariantList &values)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + handoverColumns + QStringLiteral(" FROM handovers WHERE ") + where,
        values);
    std::optional<Handover> found;
    if (query.next()) {
        Handover h;
        h.id = query.value(0).toLongLong();
        h.conversationId = query.value(1).toLongLong();
        h.leadId = optionalId(query.value(2));
        h.rule = query.value(3).toString();
        h.reason = query.value(4).toString();
        h.assignedTo = query.value(5).toString();
        h.state = handoverStateFromName(query.value(6).toString()).value_or(HandoverState::Open);
        h.messageId = optionalId(query.value(7));
        h.notifiedVia = query.value(8).toString();
        h.createdAt = query.value(9).toLongLong();
        h.updatedAt = query.value(10).toLongLong();
        h.acceptedAt = optionalId(query.value(11));
        h.closedAt = optionalId(query.value(12));
        found = h;
    }
    query.finish();
    return found;
}

struct ConversationFacts
{
    qint64 leadId = 0;
    QString channel;
};

std::optional<ConversationFacts> conversationFacts(SqlContext &context, qint64 conversationId)
{
    auto &query = context.run(
        QStringLiteral("SELECT lead_id, channel FROM conversations WHERE id = ?"), {conversationId});
    std::optional<ConversationFacts> facts;
    if (query.next())
        facts = ConversationFacts {query.value(0).toLongLong(), query.value(1).toString()};
    query.finish();
    return facts;
}

RuleVerdict keywordsVerdict(const HandoverRule &rule, const std::optional<QString> &body)
{
    RuleVerdict verdict {rule.id, rule.kind, false, {}};
    if (!body) {
        verdict.reason = QStringLiteral("no inbound message");
        return verdict;
    }
    QStringList keywords;
    for (const auto &keyword : rule.params.value(QStringLiteral("keywords")).toArray())
        keywords.append(keyword.toString());
    if (const auto found = handover::matchKeyword(*body, keywords)) {
        verdict.matched = true;
        verdict.reason = handover::keywordReason(rule.id, *found);
    } else {
        verdict.reason = QStringLiteral("none of the keywords in the latest inbound message");
    }
    return verdict;
}

RuleVerdict sentimentVerdict(
    SqlContext &context, const HandoverRule &rule, qint64 conversationId, qint64 leadId)
{
    RuleVerdict verdict {rule.id, rule.kind, false, {}};
    auto &query = context.run(QStringLiteral("SELECT sentiment FROM ai_analyses WHERE status = ? AND "
                                             "(conversation_id = ? OR (lead_id IS NOT NULL AND lead_id = ?)) "
                                             "ORDER BY created_at DESC, id DESC LIMIT 1"),
        {analysisStatusName(AnalysisStatus::Ok), conversationId, leadId});
    std::optional<Sentiment> sentiment;
    if (query.next())
        sentiment = sentimentFromName(query.value(0).toString());
    query.finish();
    if (!sentiment) {
        verdict.reason = QStringLiteral("no AI analysis of the conversation");
    } else if (*sentiment == Sentiment::Negative) {
        verdict.matched = true;
        verdict.reason = handover::sentimentReason();
    } else {
        verdict.reason = QStringLiteral("the latest analysis is %1").arg(sentimentName(*sentiment));
    }
    return verdict;
}

RuleVerdict scoreVerdict(SqlContext &context, const HandoverRule &rule, qint64 leadId)
{
    RuleVerdict verdict {rule.id, rule.kind, false, {}};
    const int minScore = static_cast<int>(
        rule.params.value(QStringLiteral("minScore")).toInteger(handover::defaultMinScore));
    auto &query = context.run(QStringLiteral("SELECT score FROM lead_scores WHERE lead_id = ?"), {leadId});
    std::optional<int> score;
    if (query.next())
        score = query.value(0).toInt();
    query.finish();
    if (!score) {
        verdict.reason = QStringLiteral("the lead has no score");
    } else if (*score >= minScore) {
        verdict.matched = true;
        verdict.reason = handover::scoreReason(*score, minScore);
    } else {
        verdict.reason = QStringLiteral("score %1 < %2").arg(*score).arg(minScore);
    }
    return verdict;
}

RuleVerdict unansweredVerdict(SqlContext &context, const HandoverRule &rule, qint64 conversationId)
{
    RuleVerdict verdict {rule.id, rule.kind, false, {}};
    const int count = static_cast<int>(
        rule.params.value(QStringLiteral("count")).toInteger(handover::defaultUnansweredCount));
    auto &query = context.run(QStringLiteral("SELECT direction FROM messages WHERE conversation_id = ? "
                                             "ORDER BY created_at DESC, id DESC LIMIT ?"),
        {conversationId, count});
    QList<Direction> newestFirst;
    while (query.next()) {
        if (const auto direction = directionFromName(query.value(0).toString()))
            newestFirst.append(*direction);
    }
    query.finish();
    const QList<Direction> oldestFirst(newestFirst.crbegin(), newestFirst.crend());
    const int unanswered = handover::unansweredInbound(oldestFirst);
    verdict.matched = unanswered >= count;
    verdict.reason = verdict.matched
        ? handover::unansweredReason(unanswered)
        : QStringLiteral("%1 of %2 inbound messages unanswered").arg(unanswered).arg(count);
    return verdict;
}

QString assigneeFor(SqlContext &context, qint64 leadId, const HandoverSettings &settings)
{
    auto &query = context.run(QStringLiteral("SELECT assigned_to FROM leads WHERE id = ?"), {leadId});
    QString assignee;
    if (query.next() && !query.value(0).isNull())
        assignee = query.value(0).toString();
    query.finish();
    return assignee.isEmpty() ? settings.defaultRep : assignee;
}

// The rep's SMS or email, queued with the handover; returns the channel's name, or empty.
QString notifyRep(SqlContext &context, const Handover &handover, const HandoverSettings &settings,
    const SendSettings &sendSettings)
{
    if (settings.notify == HandoverSettings::Notify::Off)
        return {};
    SendRequest send;
    send.channel = settings.notify == HandoverSettings::Notify::Sms ? Channel::Sms : Channel::Email;
    send.to = send.channel == Channel::Sms ? settings.repPhone : settings.repEmail;
    if (send.to.isEmpty())
        return {};
    // The lead by number only: this message outlives an erasure of the lead (it is the rep's).
    const QString who
        = handover.leadId ? QStringLiteral("Lead %1").arg(*handover.leadId) : QStringLiteral("A customer");
    send.body = QStringLiteral("Handover #%1: %2 needs a person (%3). Conversation %4.")
                    .arg(QString::number(handover.id), who, handover.reason,
                        QString::number(handover.conversationId));
    if (send.channel == Channel::Email)
        send.subject = QStringLiteral("Handover: %1").arg(who);
    send.serviceId = settings.serviceId;
    send.idempotencyKey = QStringLiteral("handover:%1").arg(handover.id);
    const auto result = queueSend(context, send, sendSettings);
    if (const auto *error = std::get_if<ApiError>(&result)) {
        qCWarning(lcHandover, "handover %lld: the rep's notification was not queued: %s",
            static_cast<long long>(handover.id), qPrintable(error->message));
        return {};
    }
    return channelName(send.channel);
}

} // namespace

QString HandoverSettings::notifyName(Notify notify)
{
    switch (notify) {
    case Notify::Off:
        return QStringLiteral("off");
    case Notify::Sms:
        return channelName(Channel::Sms);
    case Notify::Email:
        return channelName(Channel::Email);
    }
    return {};
}

std::optional<HandoverSettings::Notify> HandoverSettings::notifyFromName(QStringView name)
{
    for (const auto notify : {Notify::Off, Notify::Sms, Notify::Email}) {
        if (name == notifyName(notify))
            return notify;
    }
    return std::nullopt;
}

HandoverSettings HandoverSettings::load(SqlContext &context)
{
    HandoverSettings settings;
    settings.defaultRep = stored(context, defaultRepKey).value_or(QString());
    settings.notify = notifyFromName(stored(context, notifyKey).value_or(QString())).value_or(Notify::Off);
    settings.repPhone = stored(context, repPhoneKey).value_or(QString());
    settings.repEmail = stored(context, repEmailKey).value_or(QString());
    if (const auto id = stored(context, serviceIdKey)) {
        bool ok = false;
        const auto value = id->toLongLong(&ok);
        if (ok && value > 0)
            settings.serviceId = value;
    }
    return settings;
}

std::optional<QString> HandoverSettings::save(SqlContext &context, const QJsonObject &patch)
{
    static const QStringList known {QStringLiteral("defaultRep"), QStringLiteral("notify"),
        QStringLiteral("repPhone"), QStringLiteral("repEmail"), QStringLiteral("serviceId")};
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("settings.%1 is not a handover setting").arg(it.key());
        if (!it.value().isNull() && it.key() != QLatin1String("serviceId") && !it.value().isString())
            return QStringLiteral("settings.%1 must be a string or null").arg(it.key());
    }
    auto next = load(context);
    const auto text = [&patch](const QString &key) { return patch.value(key).toString().trimmed(); };
    if (patch.contains(QStringLiteral("defaultRep"))) {
        next.defaultRep = text(QStringLiteral("defaultRep"));
        if (next.defaultRep.size() > 200)
            return QStringLiteral("settings.defaultRep is longer than 200 characters");
    }
    if (patch.contains(QStringLiteral("notify"))) {
        const auto notify = notifyFromName(text(QStringLiteral("notify")));
        if (!notify)
            return QStringLiteral("settings.notify must be off, sms or email");
        next.notify = *notify;
    }
    if (patch.contains(QStringLiteral("repPhone"))) {
        next.repPhone = text(QStringLiteral("repPhone"));
        if (!next.repPhone.isEmpty() && !isE164(next.repPhone))
            return QStringLiteral("settings.repPhone must be an E.164 phone number such as +14155550100");
    }
    if (patch.contains(QStringLiteral("repEmail"))) {
        next.repEmail = text(QStringLiteral("repEmail"));
        if (!next.repEmail.isEmpty() && !EmailAddress::isValid(next.repEmail))
            return QStringLiteral("settings.repEmail is not a valid email address");
    }
    if (patch.contains(QStringLiteral("serviceId"))) {
        const auto value = patch.value(QStringLiteral("serviceId"));
        if (value.isNull()) {
            next.serviceId.reset();
        } else {
            if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInteger())
                || value.toInteger() <= 0)
                return QStringLiteral("settings.serviceId must be a positive integer or null");
            next.serviceId = value.toInteger();
        }
    }
    if (next.notify == Notify::Sms && next.repPhone.isEmpty())
        return QStringLiteral("settings.repPhone is needed to notify the rep by SMS");
    if (next.notify == Notify::Email && next.repEmail.isEmpty())
        return QStringLiteral("settings.repEmail is needed to notify the rep by email");
    store(context, defaultRepKey, next.defaultRep);
    store(context, notifyKey, next.notify == Notify::Off ? QString() : notifyName(next.notify));
    store(context, repPhoneKey, next.repPhone);
    store(context, repEmailKey, next.repEmail);
    store(context, serviceIdKey, next.serviceId ? QString::number(*next.serviceId) : QString());
    return std::nullopt;
}

QJsonObject HandoverSettings::toJson() const
{
    const auto textOrNull
        = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    return QJsonObject {{QStringLiteral("defaultRep"), textOrNull(defaultRep)},
        {QStringLiteral("notify"), notifyName(notify)}, {QStringLiteral("repPhone"), textOrNull(repPhone)},
        {QStringLiteral("repEmail"), textOrNull(repEmail)},
        {QStringLiteral("serviceId"), serviceId ? QJsonValue(*serviceId) : QJsonValue()}};
}

QJsonObject RuleVerdict::toJson() const
{
    return QJsonObject {{QStringLiteral("rule"), rule}, {QStringLiteral("kind"), handoverRuleKindName(kind)},
        {QStringLiteral("matched"), matched}, {QStringLiteral("reason"), reason}};
}

namespace Handovers {

QList<HandoverRule> rules(SqlContext &context)
{
    QList<HandoverRule> rules;
    auto &query = context.run(
        QStringLiteral("SELECT id, kind, params, enabled, updated_at FROM handover_rules ORDER BY id"), {});
    while (query.next()) {
        const auto kind = handoverRuleKindFromName(query.value(1).toString());
        if (!kind)
            continue;
        rules.append(HandoverRule {query.value(0).toString(), *kind,
            QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object(), query.value(3).toInt() != 0,
            query.value(4).toLongLong()});
    }
    query.finish();
    return rules;
}

void saveRule(SqlContext &context, const HandoverRule &rule)
{
    context.write(
        QStringLiteral("UPDATE handover_rules SET params = ?, enabled = ?, updated_at = ? WHERE id = ?"),
        {QString::fromUtf8(QJsonDocument(rule.params).toJson(QJsonDocument::Compact)), rule.enabled ? 1 : 0,
            context.nowMs(), rule.id});
}

std::optional<Handover> find(SqlContext &context, qint64 id)
{
    return readOne(context, QStringLiteral("id = ?"), {id});
}

std::optional<Handover> active(SqlContext &context, qint64 conversationId)
{
    return readOne(context,
        QStringLiteral("conversation_id = ? AND state IN (?, ?) ORDER BY id DESC LIMIT 1"),
        {conversationId, handoverStateName(HandoverState::Open), handoverStateName(HandoverState::Accepted)});
}

std::optional<std::pair<qint64, QString>> latestInbound(SqlContext &context, qint64 conversationId)
{
    auto &query = context.run(QStringLiteral("SELECT id, COALESCE(body, '') FROM messages WHERE "
                                             "conversation_id = ? AND direction = ? "
                                             "ORDER BY created_at DESC, id DESC LIMIT 1"),
        {conversationId, directionName(Direction::Inbound)});
    std::optional<std::pair<qint64, QString>> found;
    if (query.next())
        found = std::pair {query.value(0).toLongLong(), query.value(1).toString()};
    query.finish();
    return found;
}

QList<RuleVerdict> evaluate(
    SqlContext &context, qint64 conversationId, const std::optional<QString> &messageBody)
{
    QList<RuleVerdict> verdicts;
    const auto facts = conversationFacts(context, conversationId);
    if (!facts)
        return verdicts;
    std::optional<QString> body = messageBody;
    if (!body) {
        if (const auto latest = latestInbound(context, conversationId))
            body = latest->second;
    }
    for (const auto &rule : rules(context)) {
        if (!rule.enabled)
            continue;
        switch (rule.kind) {
        case HandoverRuleKind::Keywords:
            verdicts.append(keywordsVerdict(rule, body));
            break;
        case HandoverRuleKind::NegativeSentiment:
            verdicts.append(sentimentVerdict(context, rule, conversationId, facts->leadId));
            break;
        case HandoverRuleKind::HighScore:
            verdicts.append(scoreVerdict(context, rule, facts->leadId));
            break;
        case HandoverRuleKind::UnansweredInbound:
            verdicts.append(unansweredVerdict(context, rule, conversationId));
            break;
        case HandoverRuleKind::AiIntent:
            break; // asked after the commit (never inside the writer's transaction)
        }
    }
    return verdicts;
}

std::optional<Handover> open(SqlContext &context, qint64 conversationId, const RuleVerdict &verdict,
    std::optional<qint64> messageId, const QString &recordId, const SendSettings &sendSettings)
{
    if (!verdict.matched || active(context, conversationId))
        return std::nullopt;
    const auto facts = conversationFacts(context, conversationId);
    if (!facts)
        return std::nullopt;
    const auto settings = HandoverSettings::load(context);
    const auto now = context.nowMs();
    const auto assignee
        = facts->leadId > 0 ? assigneeFor(context, facts->leadId, settings) : settings.defaultRep;
    const auto id = context.write(
        QStringLiteral("INSERT INTO handovers(conversation_id, lead_id, rule, reason, assigned_to, state, "
                       "message_id, created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {conversationId, facts->leadId > 0 ? QVariant(facts->leadId) : QVariant(), verdict.rule,
            verdict.reason, assignee.isEmpty() ? QVariant() : QVariant(assignee),
            handoverStateName(HandoverState::Open), messageId ? QVariant(*messageId) : QVariant(), now, now});
    auto created = find(context, id);
    if (!created)
        return std::nullopt;
    const auto via = notifyRep(context, *created, settings, sendSettings);
    if (!via.isEmpty()) {
        context.write(QStringLiteral("UPDATE handovers SET notified_via = ? WHERE id = ?"), {via, id});
        created->notifiedVia = via;
    }
    context.raise(QStringLiteral("conversation.handover"), recordId,
        {{QStringLiteral("handover"), created->toJson()}, {QStringLiteral("handoverId"), created->id},
            {QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("leadId"), facts->leadId > 0 ? QJsonValue(facts->leadId) : QJsonValue()},
            {QStringLiteral("channel"), facts->channel}, {QStringLiteral("rule"), created->rule},
            {QStringLiteral("reason"), created->reason},
            {QStringLiteral("assignedTo"), assignee.isEmpty() ? QJsonValue() : QJsonValue(assignee)}});
    return created;
}

std::variant<Handover, ApiError> update(SqlContext &context, qint64 id, std::optional<HandoverState> state,
    std::optional<QString> assignedTo, const QString &recordId)
{
    Q_UNUSED(recordId);
    auto found = find(context, id);
    if (!found)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Handover %1 not found").arg(id)};
    const auto now = context.nowMs();
    if (state && *state != found->state) {
        if (!canMoveHandover(found->state, *state))
            return ApiError {ErrorKind::Conflict,
                QStringLiteral("handover %1 is %2; it cannot become %3")
                    .arg(QString::number(id), handoverStateName(found->state), handoverStateName(*state))};
        context.write(QStringLiteral("UPDATE handovers SET state = ?, updated_at = ?, "
                                     "accepted_at = CASE WHEN ? = ? THEN ? ELSE accepted_at END, "
                                     "closed_at = CASE WHEN ? = ? THEN ? ELSE closed_at END WHERE id = ?"),
            {handoverStateName(*state), now, handoverStateName(*state),
                handoverStateName(HandoverState::Accepted), now, handoverStateName(*state),
                handoverStateName(HandoverState::Closed), now, id});
    } else if (state && *state == found->state && *state != HandoverState::Open) {
        // accepted -> accepted and closed -> closed are no moves: say so rather than pretend.
        return ApiError {ErrorKind::Conflict,
            QStringLiteral("handover %1 is %2 already")
                .arg(QString::number(id), handoverStateName(found->state))};
    }
    if (assignedTo) {
        context.write(QStringLiteral("UPDATE handovers SET assigned_to = ?, updated_at = ? WHERE id = ?"),
            {assignedTo->isEmpty() ? QVariant() : QVariant(*assignedTo), now, id});
    }
    return *find(context, id);
}

} // namespace Handovers

int HandoverRouter::route(SqlContext &context, const DomainEvent &event)
{
    const int created = m_inner ? m_inner->route(context, event) : 0;
    if (m_busy || event.type != QLatin1String("message.created"))
        return created;
    const auto message = event.payload.value(QStringLiteral("message")).toObject();
    if (directionFromName(message.value(QStringLiteral("direction")).toString()) != Direction::Inbound)
        return created;
    const auto conversationId = event.payload.value(QStringLiteral("conversationId")).toInteger();
    if (conversationId <= 0)
        return created;
    struct Busy
    {
        explicit Busy(bool &flag)
            : m_flag(flag)
        {
            flag = true;
        }
        ~Busy() { m_flag = false; }
        bool &m_flag;
    } busy(m_busy);
    if (Handovers::active(context, conversationId))
        return created; // one open handover per conversation: a second trigger adds nothing
    const auto body = message.value(QStringLiteral("body")).toString();
    const auto messageId = event.payload.value(QStringLiteral("messageId")).toInteger();
    for (const auto &verdict : Handovers::evaluate(context, conversationId, body)) {
        if (!verdict.matched)
            continue;
        Handovers::open(context, conversationId, verdict,
            messageId > 0 ? std::optional<qint64>(messageId) : std::nullopt, event.source, m_settings);
        break;
    }
    return created;
}

} // namespace sb
