// SignalWire callbacks: JSON call/recording events and LaML form callbacks → calls, messages and
// recordings (core/inbound/signalwire, core/inbound/twilio/TelephonyCallbacks), against a real
// in-memory database holding a lead with phone +1 415 555 0100. Input: see RouteHarness.
#include "RouteHarness.h"

using namespace sb;

namespace {

fuzz::RouteHarness &harness()
{
    static fuzz::RouteHarness *instance = [] {
        auto *created = new fuzz::RouteHarness(QStringLiteral("/api/webhooks/signalwire"));
        created->createLeads(
            R"({"data":{"first_name":"Ada","email":"ada@example.com","phone":"+14155550100"}})");
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
