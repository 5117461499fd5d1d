// POST /api/webhooks/campaign/execute: JSON trigger → campaign run (core/inbound/campaign), against a
// real in-memory database holding two leads. Input: see RouteHarness.
#include "RouteHarness.h"

using namespace sb;

namespace {

fuzz::RouteHarness &harness()
{
    static fuzz::RouteHarness *instance = [] {
        auto *created = new fuzz::RouteHarness(QStringLiteral("/api/webhooks/campaign"));
        created->createLeads(
            R"({"data":{"first_name":"Robert","email":"robert@example.com","phone":"+1234567893"}})", 2);
        return created;
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    harness().run(data, size);
    return 0;
}
