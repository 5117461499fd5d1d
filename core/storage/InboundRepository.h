#pragma once

#include "domain/DomainEvent.h"
#include "security/Verification.h"
#include "security/Redaction.h"
#include "http/HttpTypes.h"

#include <QJsonObject>
#include <QSqlRecord>

namespace sb {

class SqlContext;

// What is stored with every inbound request besides its bytes.
struct InboundOutcome
{
    QString provider;
    QString handler;
    QString eventType;
    QString source;
    Verification verification;
    QString status; // an inboundStatusName()
    QString dedupKey;
    QString error;
};

class InboundRepository
{
public:
    // Inserts the request verbatim with its outcome and answer; returns the record id.
    static QString insert(SqlContext &context, const ApiRequest &request, const InboundOutcome &outcome,
                          const ApiResponse &response);

    // Seed 002 log item for one stored request (`direction: "incoming"`).
    static QJsonObject logItem(const QSqlRecord &row);
    static QString logColumns();
    static bool exists(SqlContext &context, const QString &id);

    // Rewrites stored heads that still hold credentials in full (written before they were redacted
    // on insert); returns how many rows changed.
    static int redactStoredCredentials(SqlContext &context, const HeaderRedaction &redaction);
};

} // namespace sb
