#pragma once

#include "domain/ExternalService.h"

#include <optional>

namespace sb {

class SqlContext;

// Which services list() answers (seed 004's query parameters).
struct ExternalServiceFilter
{
    int skip = 0;
    int limit = 100;
    std::optional<ServiceType> type;
    std::optional<ServiceProvider> provider;
    bool activeOnly = false;
};

// Stores registered external services (`external_services`). The secret values of a service's
// config (ServiceConfigSchema) are sealed with the context's SecretStore on the way in and revealed
// on the way out: callers get and give configs in clear; only answers mask them. Runs on the writer
// (changes) or reader (reads) thread; throws SqlError when the context has no secret store.
class ExternalServiceRepository
{
public:
    // Sets the service's id and times.
    static void create(SqlContext &context, ExternalService &service);
    static std::optional<ExternalService> get(SqlContext &context, qint64 id);
    // Oldest first (by id).
    static QList<ExternalService> list(SqlContext &context, const ExternalServiceFilter &filter);
    // Writes every field of `service` (by id) and sets its updatedAt; false when there is no such row.
    static bool update(SqlContext &context, ExternalService &service);
    static bool remove(SqlContext &context, qint64 id);
};

} // namespace sb
