// Seed 002's CRM webhooks: JSON envelope → CRM command (core/inbound/crm), run against a real
// in-memory database. Input: see RouteHarness (path, headers, empty line, JSON body). Records 1 and 2
// of each kind exist (pre-lead 1 active, 2 converted to lead 3; lead 1 active, 2 converted to customer
// 1), so that update, status, contact, memo, activity, convert, order and payment commands find them.
#include "RouteHarness.h"

using namespace sb;

namespace {

fuzz::RouteHarness &harness()
{
    static fuzz::RouteHarness *instance = [] {
        auto *created = new fuzz::RouteHarness(QStringLiteral("/api/v1/webhooks/incoming"));
        const QByteArray json = "application/json";
        const QByteArray inquiry
            = R"({"data":{"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
            "phone":"+1234567890","company_name":"ABC Corp","source":"website","lead_status":"qualified"}})";
        const QByteArray lead
            = R"({"data":{"first_name":"Robert","last_name":"Johnson","email":"robert@example.com",
            "phone":"+1234567893","company_name":"XYZ Industries","source":"referral","priority":"high",
            "expected_value":100000.00}})";
        const auto base = QStringLiteral("/api/v1/webhooks/incoming/");
        for (int i = 0; i < 2; ++i) {
            SB_FUZZ_ASSERT(
                !isError(created->commit(base + QStringLiteral("pre-lead/create"), json, inquiry)));
            SB_FUZZ_ASSERT(!isError(created->commit(base + QStringLiteral("lead/create"), json, lead)));
        }
        SB_FUZZ_ASSERT(!isError(created->commit(base + QStringLiteral("pre-lead/2/convert"), json,
            R"({"data":{"priority":"high","expected_value":50000}})")));
        SB_FUZZ_ASSERT(!isError(created->commit(base + QStringLiteral("lead/2/convert"), json,
            R"({"data":{"customer_code":"CUST-1","credit_limit":100000}})")));
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
