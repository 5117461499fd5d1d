#pragma once

#include "domain/Lead.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

struct LeadMatch
{
    qint64 id = 0;
    bool created = false;
    QString name; // "First Last", may be empty
    bool doNotContact = false;
};

// Finds the lead a provider callback belongs to, creating it when the sender is unknown (issue 3:
// by E.164 phone or by email, case-insensitively). A created lead raises lead.created.
class LeadDirectory
{
public:
    // `e164` must already be normalised (PhoneNumber::toE164). CRM leads stored before schema 3 have
    // only `phone`; it matches when it was sent in E.164 form.
    static std::optional<LeadMatch> findByPhone(SqlContext &context, const QString &e164);
    static std::optional<LeadMatch> findByEmail(SqlContext &context, const QString &email);
    static LeadMatch forPhone(
        SqlContext &context, const QString &e164, const QString &source, const QString &recordId);
    static LeadMatch forEmail(SqlContext &context, const QString &email, const QString &displayName,
        const QString &source, const QString &recordId);
    // Unsubscribes and complaints: nothing more goes to this lead. Raises lead.updated once.
    static void markDoNotContact(
        SqlContext &context, qint64 leadId, const QString &reason, const QString &recordId);
    static QJsonObject leadJson(SqlContext &context, qint64 leadId);
    static std::optional<Lead> lead(SqlContext &context, qint64 leadId);
};

} // namespace sb
