#include "AutoResponder.h"

#include "ServiceResolver.h"
#include "domain/EmailAddress.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace sb {

namespace {

const QString settingsPrefix = QStringLiteral("auto-response/");

QString settingKey(const QString &address)
{
    return settingsPrefix + address.trimmed().toLower();
}

AutoResponseRule ruleFrom(const QJsonObject &json)
{
    AutoResponseRule rule;
    rule.address = json.value(QStringLiteral("address")).toString();
    rule.enabled = json.value(QStringLiteral("enabled")).toBool(true);
    rule.subject = json.value(QStringLiteral("subject")).toString();
    rule.bodyTemplate = json.value(QStringLiteral("template")).toString();
    if (json.value(QStringLiteral("serviceId")).isDouble())
        rule.serviceId = json.value(QStringLiteral("serviceId")).toInteger();
    rule.windowHours = json.value(QStringLiteral("windowHours")).toInt(24);
    return rule;
}

// The bare addresses of a To/recipient value ("a@x.com, B <b@x.com>").
QStringList addressesOf(const QString &value)
{
    QStringList list;
    for (auto part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        part = part.trimmed();
        const auto open = part.lastIndexOf(QLatin1Char('<'));
        const auto close = part.lastIndexOf(QLatin1Char('>'));
        if (open >= 0 && close > open)
            part = part.mid(open + 1, close - open - 1).trimmed();
        if (!part.isEmpty())
            list.append(part.toLower());
    }
    return list;
}

} // namespace

QString autoResponseSkipName(AutoResponseSkip skip)
{
    switch (skip) {
    case AutoResponseSkip::None:
        return QStringLiteral("sent");
    case AutoResponseSkip::NoRule:
        return QStringLiteral("no_rule");
    case AutoResponseSkip::DoNotContact:
        return QStringLiteral("do_not_contact");
    case AutoResponseSkip::AutoSubmitted:
        return QStringLiteral("auto_submitted");
    case AutoResponseSkip::BulkPrecedence:
        return QStringLiteral("bulk_precedence");
    case AutoResponseSkip::NoReplySender:
        return QStringLiteral("no_reply_sender");
    case AutoResponseSkip::RecentlyAnswered:
        return QStringLiteral("recently_answered");
    case AutoResponseSkip::NoService:
        return QStringLiteral("no_service");
    }
    return {};
}

QJsonObject AutoResponseRule::toJson() const
{
    QJsonObject json {{QStringLiteral("address"), address}, {QStringLiteral("enabled"), enabled},
        {QStringLiteral("subject"), subject}, {QStringLiteral("template"), bodyTemplate},
        {QStringLiteral("windowHours"), windowHours}};
    if (serviceId)
        json.insert(QStringLiteral("serviceId"), *serviceId);
    return json;
}

std::optional<AutoResponseRule> AutoResponder::rule(SqlContext &context, const QString &address)
{
    auto &query
        = context.run(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {settingKey(address)});
    std::optional<AutoResponseRule> found;
    if (query.next())
        found = ruleFrom(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
    query.finish();
    return found;
}

QList<AutoResponseRule> AutoResponder::rules(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT value FROM settings WHERE key LIKE ? ORDER BY key"),
        {QString(settingsPrefix + QLatin1Char('%'))});
    QList<AutoResponseRule> list;
    while (query.next())
        list.append(ruleFrom(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()));
    query.finish();
    return list;
}

void AutoResponder::saveRule(SqlContext &context, const AutoResponseRule &rule)
{
    context.write(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {settingKey(rule.address),
            QString::fromUtf8(QJsonDocument(rule.toJson()).toJson(QJsonDocument::Compact))});
}

bool AutoResponder::removeRule(SqlContext &context, const QString &address)
{
    const bool existed = rule(context, address).has_value();
    context.write(QStringLiteral("DELETE FROM settings WHERE key = ?"), {settingKey(address)});
    return existed;
}

QStringList AutoResponder::ruleFromJson(
    const QString &address, const QJsonObject &json, AutoResponseRule &rule)
{
    QStringList problems;
    rule.address = address.trimmed().toLower();
    const auto addressProblem = EmailAddress::problem(rule.address);
    if (!addressProblem.isEmpty())
        problems.append(QStringLiteral("address is not a valid email address: ") + addressProblem);
    const auto enabled = json.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        problems.append(QStringLiteral("enabled must be true or false"));
    rule.enabled = enabled.toBool(true);
    const auto text = json.value(QStringLiteral("template"));
    if (!text.isString() || text.toString().trimmed().isEmpty())
        problems.append(
            QStringLiteral("template is required (text with {first_name}, {last_name}, {company_name})"));
    rule.bodyTemplate = text.toString();
    const auto subject = json.value(QStringLiteral("subject"));
    if (!subject.isUndefined() && !subject.isNull() && !subject.isString())
        problems.append(QStringLiteral("subject must be a string"));
    rule.subject = subject.toString().trimmed();
    const auto service = json.value(QStringLiteral("serviceId"));
    if (!service.isUndefined() && !service.isNull()) {
        if (!service.isDouble() || service.toDouble() < 1
            || service.toDouble() != double(service.toInteger()))
            problems.append(QStringLiteral("serviceId must be a positive integer"));
        else
            rule.serviceId = service.toInteger();
    }
    const auto window = json.value(QStringLiteral("windowHours"));
    if (!window.isUndefined() && !window.isNull()) {
        if (!window.isDouble() || window.toDouble() < 1 || window.toDouble() > 24 * 365
            || window.toDouble() != double(window.toInteger()))
            problems.append(QStringLiteral("windowHours must be a whole number of hours from 1 to 8760"));
        else
            rule.windowHours = int(window.toInteger());
    }
    return problems;
}

QString AutoResponder::render(const QString &bodyTemplate, const QJsonObject &fields)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(bodyTemplate);
    while (it.hasNext()) {
        const auto match = it.next();
        out += bodyTemplate.mid(last, match.capturedStart() - last);
        const auto name = match.captured(1);
        out += fields.contains(name) ? fields.value(name).toString() : match.captured(0);
        last = match.capturedEnd();
    }
    out += bodyTemplate.mid(last);
    return out;
}

bool AutoResponder::isNoReplyAddress(const QString &address)
{
    const auto local = address.section(QLatin1Char('@'), 0, 0).toLower();
    static const QRegularExpression pattern(
        QStringLiteral("^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster)([-+_.].*)?$"));
    return pattern.match(local).hasMatch();
}

AutoResponseSkip AutoResponder::headerSkip(const QJsonObject &headers)
{
    const auto autoSubmitted = headers.value(QStringLiteral("auto-submitted")).toString().trimmed();
    // RFC 3834 §2: "no" is the only value that does not mark an automatic message; parameters may follow.
    if (!autoSubmitted.isEmpty()
        && autoSubmitted.section(QLatin1Char(';'), 0, 0)
                .trimmed()
                .compare(QLatin1String("no"), Qt::CaseInsensitive)
            != 0)
        return AutoResponseSkip::AutoSubmitted;
    const auto precedence = headers.value(QStringLiteral("precedence")).toString().trimmed().toLower();
    if (precedence == QLatin1String("bulk") || precedence == QLatin1String("list")
        || precedence == QLatin1String("junk"))
        return AutoResponseSkip::BulkPrecedence;
    return AutoResponseSkip::None;
}

AutoResponseSkip AutoResponder::respond(
    SqlContext &context, const QJsonObject &messageCreated, const QProcessEnvironment &environment)
{
    const auto messageId = messageCreated.value(QStringLiteral("messageId")).toInteger();
    const auto inbound = MessagingRepository::message(context, messageId);
    if (!inbound || inbound->direction != Direction::Inbound || inbound->channel != Channel::Email)
        return AutoResponseSkip::NoRule;
    std::optional<AutoResponseRule> rule;
    for (const auto &address : addressesOf(inbound->to)) {
        rule = AutoResponder::rule(context, address);
        if (rule && rule->enabled)
            break;
        rule.reset();
    }
    if (!rule)
        return AutoResponseSkip::NoRule;
    const auto headers = messageCreated.value(QStringLiteral("metadata"))
                             .toObject()
                             .value(QStringLiteral("headers"))
                             .toObject();
    if (const auto skip = headerSkip(headers); skip != AutoResponseSkip::None)
        return skip;
    const auto sender = inbound->from.trimmed().toLower();
    if (isNoReplyAddress(sender))
        return AutoResponseSkip::NoReplySender;
    const auto lead = LeadDirectory::lead(context, inbound->leadId);
    if (!lead || lead->doNotContact)
        return AutoResponseSkip::DoNotContact;
    // Loop protection: one answer per sender and receiving address per window.
    const auto since = context.nowMs() - qint64(rule->windowHours) * 3600 * 1000;
    auto &recent = context.run(
        QStringLiteral("SELECT COUNT(*) FROM outbox o JOIN messages m ON m.id = o.message_id "
                       "WHERE o.idempotency_key LIKE ? AND lower(m.to_address) = ? AND o.created_at >= ?"),
        {QString(keyPrefix() + rule->address + QStringLiteral(":%")), sender, since});
    const bool answered = recent.next() && recent.value(0).toLongLong() > 0;
    recent.finish();
    if (answered)
        return AutoResponseSkip::RecentlyAnswered;

    auto resolved = ServiceResolver::resolve(context, Channel::Email, rule->serviceId, environment);
    if (std::holds_alternative<ApiError>(resolved))
        return AutoResponseSkip::NoService;
    const auto &service = std::get<ExternalService>(resolved);

    const QJsonObject fields {{QStringLiteral("first_name"), lead->firstName},
        {QStringLiteral("last_name"), lead->lastName}, {QStringLiteral("company_name"), lead->companyName},
        {QStringLiteral("email"), lead->email}};
    const auto body = render(rule->bodyTemplate, fields);
    auto subject = rule->subject.isEmpty() ? inbound->subject : render(rule->subject, fields);
    if (rule->subject.isEmpty() && !subject.startsWith(QLatin1String("Re:"), Qt::CaseInsensitive))
        subject = QStringLiteral("Re: ") + subject;
    const QString key
        = keyPrefix() + rule->address + QLatin1Char(':') + QUuid::createUuid().toString(QUuid::WithoutBraces);

    NewMessage message;
    message.leadId = lead->id;
    message.channel = Channel::Email;
    message.direction = Direction::Outbound;
    message.provider = serviceProviderName(service.provider);
    message.providerMessageId = key;
    message.from = rule->address;
    message.to = sender;
    message.subject = subject;
    message.body = body;
    message.status = MessageStatus::Queued;
    message.metadata = QJsonObject {{QStringLiteral("autoResponseTo"), messageId}};
    const auto created = MessagingRepository::addMessage(context, message);

    OutboxEntry entry;
    entry.messageId = created.value(QStringLiteral("id")).toInteger();
    entry.serviceId = service.id;
    entry.provider = message.provider;
    entry.channel = Channel::Email;
    // RFC 3834 §5: an automatic answer says so, so that the other side does not answer it.
    entry.request = QJsonObject {{QStringLiteral("to"), sender}, {QStringLiteral("from"), rule->address},
        {QStringLiteral("subject"), subject}, {QStringLiteral("body"), body},
        {QStringLiteral("extra"),
            QJsonObject {{QStringLiteral("headers"),
                QJsonObject {{QStringLiteral("Auto-Submitted"), QStringLiteral("auto-replied")}}}}}};
    entry.idempotencyKey = key;
    OutboxRepository::enqueue(context, entry);
    return AutoResponseSkip::None;
}

} // namespace sb
