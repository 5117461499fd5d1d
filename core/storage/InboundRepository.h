#pragma once

#include "domain/DomainEvent.h"
#include "http/HttpTypes.h"
#include "security/Redaction.h"
#include "security/Verification.h"

#include <QJsonObject>
#include <QSqlRecord>
#include <optional>

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

// The request first processed under a dedup key: the one a repeated callback is a duplicate of.
struct ProcessedRequest
{
    QString recordId;
    int responseStatus = 0;
    QByteArray responseBody;

    // Its answer again, as it was stored (status and JSON body).
    ApiResponse answer() const { return ApiResponse {responseStatus, "application/json", responseBody, {}}; }
};

class InboundRepository
{
public:
    // Inserts the request verbatim with its outcome and answer; returns the record id.
    static QString insert(SqlContext &context, const ApiRequest &request, const InboundOutcome &outcome,
        const ApiResponse &response);

    // The first request processed under `dedupKey` at or after `sinceMs`, if any.
    static std::optional<ProcessedRequest> firstProcessed(
        SqlContext &context, const QString &dedupKey, qint64 sinceMs = 0);

    // Seed 002 log item for one stored request (`direction: "incoming"`).
    static QJsonObject logItem(const QSqlRecord &row);
    static QString logColumns();
    static bool exists(SqlContext &context, const QString &id);

    // Rewrites stored heads that still hold credentials in full (written before they were redacted
    // on insert); returns how many rows changed.
    static int redactStoredCredentials(SqlContext &context, const HeaderRedaction &redaction);
};

} // namespace sb
