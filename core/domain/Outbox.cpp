#include "Outbox.h"

#include "EnumNames.h"

namespace sb {

namespace {
constexpr EnumNameTable<OutboxStatus, 5> outboxStatusNames {
    {{OutboxStatus::Pending, "pending"}, {OutboxStatus::Sending, "sending"}, {OutboxStatus::Sent, "sent"},
        {OutboxStatus::Failed, "failed"}, {OutboxStatus::Unknown, "unknown"}}};
} // namespace

QString outboxStatusName(OutboxStatus status)
{
    return enumName(outboxStatusNames, status);
}

std::optional<OutboxStatus> outboxStatusFromName(QStringView name)
{
    return enumFromName(outboxStatusNames, name);
}

} // namespace sb
