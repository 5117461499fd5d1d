#pragma once

#include "domain/Messaging.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// One receiving address's automatic answer to inbound email (seed 000), stored in `settings` under
// "auto-response/<address>" as JSON: {address, enabled, subject, template, serviceId?, windowHours}.
struct AutoResponseRule
{
    QString address; // lower case
    bool enabled = true;
    QString subject; // empty: "Re: " + the inbound subject
    QString bodyTemplate; // {first_name}, {last_name}, {company_name}, {email}
    std::optional<qint64> serviceId; // an email service; none: the default email service
    int windowHours = 24; // the same sender gets at most one answer per window (loop protection)

    QJsonObject toJson() const;
};

// Why an inbound email got no automatic answer; None when it got one.
enum class AutoResponseSkip
{
    None,
    NoRule, // no enabled rule for the receiving address
    DoNotContact,
    AutoSubmitted, // Auto-Submitted other than "no" (RFC 3834)
    BulkPrecedence, // Precedence: bulk, list or junk
    NoReplySender, // no-reply, mailer-daemon, postmaster
    RecentlyAnswered, // the same sender already answered within the window
    NoService // no email service configured
};
QString autoResponseSkipName(AutoResponseSkip skip);

class AutoResponder
{
public:
    static std::optional<AutoResponseRule> rule(SqlContext &context, const QString &address);
    static QList<AutoResponseRule> rules(SqlContext &context);
    static void saveRule(SqlContext &context, const AutoResponseRule &rule);
    static bool removeRule(SqlContext &context, const QString &address);
    // Reads {enabled, subject, template, serviceId, windowHours}; problems named, empty when valid.
    static QStringList ruleFromJson(const QString &address, const QJsonObject &json, AutoResponseRule &rule);

    // The template with the lead's fields in place of its placeholders.
    static QString render(const QString &bodyTemplate, const QJsonObject &fields);
    // Whether `address` is a no-reply, mailer-daemon or postmaster address.
    static bool isNoReplyAddress(const QString &address);
    // Header rules of RFC 3834 and Precedence (names lower case).
    static AutoResponseSkip headerSkip(const QJsonObject &headers);

    // For a stored inbound email (message.created payload): checks the rules and, when they allow,
    // queues the answer through the outbox (message + outbox row in this job). Returns what was
    // decided.
    static AutoResponseSkip respond(
        SqlContext &context, const QJsonObject &messageCreated, const QProcessEnvironment &environment);

    static QString keyPrefix() { return QStringLiteral("autoresponse:"); }
};

} // namespace sb
