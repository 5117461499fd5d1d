#include "Delivery.h"

namespace sb {

QString deliveryStatusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending:
        return QStringLiteral("pending");
    case DeliveryStatus::Delivered:
        return QStringLiteral("delivered");
    case DeliveryStatus::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<DeliveryStatus> deliveryStatusFromName(QStringView name)
{
    for (const auto status : allDeliveryStatuses()) {
        if (name == deliveryStatusName(status))
            return status;
    }
    return std::nullopt;
}

QList<DeliveryStatus> allDeliveryStatuses()
{
    return {DeliveryStatus::Failed, DeliveryStatus::Pending, DeliveryStatus::Delivered};
}

} // namespace sb
