#pragma once

#include "FuzzInput.h"
#include "domain/Clock.h"
#include "server/Ingest.h"
#include "server/Router.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <memory>
#include <vector>

namespace sb::fuzz {

// The product's webhook routes over a real in-memory SQLite database migrated by the product's own
// migrations: a fuzzer hands it a request, the route's handler maps the payload to its command (on
// the "server thread", here the fuzzer's) and the command runs inside a savepoint, as the request
// pipeline runs it, which is then rolled back so that every input sees the same records.
// Signatures are waived (--accept-unverified for every provider): the signature fuzzers cover them.
class RouteHarness
{
public:
    // The POST webhook routes whose pattern starts with `prefix`.
    explicit RouteHarness(const QString &prefix);
    ~RouteHarness();

    // Input: the request path on the first line (a path of another route family, or one that
    // matches nothing, picks one of the family's routes by its length), headers, empty line, body.
    void run(const uint8_t *data, size_t size);
    // Runs a request and keeps what it changed (setting up records every input can refer to).
    ApiResult commit(const QString &path, const QByteArray &contentType, const QByteArray &body);
    // Creates `count` leads from a CRM lead/create body (the records callbacks refer to by phone).
    void createLeads(const QByteArray &leadBody, int count = 1);

private:
    ApiResult apply(const Route &route, ApiRequest request, bool keep);

    std::vector<const Route *> m_routes;
    Router m_router;
    SecretStore m_secrets;
    ManualClock m_clock;
    std::unique_ptr<SqlContext> m_context;
    qint64 m_sequence = 0;
};

} // namespace sb::fuzz
