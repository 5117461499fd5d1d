#pragma once

#include "domain/WebhookConfig.h"
#include "http/HttpTypes.h"

#include <variant>

namespace sb {

class SqlContext;

// The changes to configurations shared by the HTTP APIs and the console: validated by
// applyConfigJson, stored, and the writer's fan-out told to reload. Writer thread only.
struct ConfigWrite
{
    WebhookConfig config;
    bool secretChanged = false; // a new secret was stored: show it in full this once
};

class WebhookConfigCommands
{
public:
    // A missing secret is generated.
    static std::variant<ConfigWrite, ApiError> create(SqlContext &context, const QJsonObject &body);
    // A secret different from the current one starts a rotation (the old one stays valid a day).
    static std::variant<ConfigWrite, ApiError> update(
        SqlContext &context, qint64 id, const QJsonObject &body, const QString &notFound);
    static bool remove(SqlContext &context, qint64 id);
};

} // namespace sb
