#include "Messaging.h"

#include "EnumNames.h"

namespace sb {

namespace {

constexpr EnumNameTable<Channel, 5> channels {{
    {Channel::Sms, "sms"},
    {Channel::Email, "email"},
    {Channel::Voice, "voice"},
    {Channel::Push, "push"},
    {Channel::Chat, "chat"},
}};

constexpr EnumNameTable<Direction, 2> directions {{
    {Direction::Inbound, "inbound"},
    {Direction::Outbound, "outbound"},
}};

constexpr EnumNameTable<MessageStatus, 13> messageStatuses {{
    {MessageStatus::Accepted, "accepted"},
    {MessageStatus::Scheduled, "scheduled"},
    {MessageStatus::Receiving, "receiving"},
    {MessageStatus::Received, "received"},
    {MessageStatus::Queued, "queued"},
    {MessageStatus::Sending, "sending"},
    {MessageStatus::Sent, "sent"},
    {MessageStatus::Delivered, "delivered"},
    {MessageStatus::Read, "read"},
    {MessageStatus::Failed, "failed"},
    {MessageStatus::Undelivered, "undelivered"},
    {MessageStatus::Canceled, "canceled"},
    {MessageStatus::Unknown, "unknown"},
}};

constexpr EnumNameTable<CallStatus, 11> callStatuses {{
    {CallStatus::Queued, "queued"},
    {CallStatus::Created, "created"},
    {CallStatus::Initiated, "initiated"},
    {CallStatus::Ringing, "ringing"},
    {CallStatus::InProgress, "in-progress"},
    {CallStatus::Answered, "answered"},
    {CallStatus::Completed, "completed"},
    {CallStatus::Busy, "busy"},
    {CallStatus::NoAnswer, "no-answer"},
    {CallStatus::Failed, "failed"},
    {CallStatus::Canceled, "canceled"},
}};

} // namespace

QString channelName(Channel channel)
{
    return enumName(channels, channel);
}
std::optional<Channel> channelFromName(QStringView name)
{
    return enumFromName(channels, name);
}
QList<Channel> allChannels()
{
    QList<Channel> all;
    for (const auto &entry : channels)
        all.append(entry.first);
    return all;
}

QString directionName(Direction direction)
{
    return enumName(directions, direction);
}
std::optional<Direction> directionFromName(QStringView name)
{
    return enumFromName(directions, name);
}
Direction directionOfCall(QStringView providerDirection)
{
    return providerDirection.startsWith(QLatin1String("outbound")) ? Direction::Outbound : Direction::Inbound;
}

QString messageStatusName(MessageStatus status)
{
    return enumName(messageStatuses, status);
}
std::optional<MessageStatus> messageStatusFromName(QStringView name)
{
    return enumFromName(messageStatuses, name);
}

int messageStatusRank(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Accepted:
    case MessageStatus::Scheduled:
    case MessageStatus::Receiving:
    case MessageStatus::Received:
        return 0;
    case MessageStatus::Queued:
        return 1;
    case MessageStatus::Sending:
    case MessageStatus::Unknown:
        return 2;
    case MessageStatus::Sent:
        return 3;
    case MessageStatus::Delivered:
        return 4;
    case MessageStatus::Read:
        return 5;
    case MessageStatus::Failed:
    case MessageStatus::Undelivered:
    case MessageStatus::Canceled:
        return 6;
    }
    return -1;
}

bool isFinalMessageStatus(MessageStatus status)
{
    return messageStatusRank(status) == 6;
}

bool isFailedMessageStatus(MessageStatus status)
{
    return status == MessageStatus::Failed || status == MessageStatus::Undelivered;
}

QString callStatusName(CallStatus status)
{
    return enumName(callStatuses, status);
}
std::optional<CallStatus> callStatusFromName(QStringView name)
{
    return enumFromName(callStatuses, name);
}

int callStatusRank(CallStatus status)
{
    switch (status) {
    case CallStatus::Queued:
    case CallStatus::Created:
        return 0;
    case CallStatus::Initiated:
        return 1;
    case CallStatus::Ringing:
        return 2;
    case CallStatus::InProgress:
    case CallStatus::Answered:
        return 3;
    case CallStatus::Completed:
    case CallStatus::Busy:
    case CallStatus::NoAnswer:
    case CallStatus::Failed:
    case CallStatus::Canceled:
        return 4;
    }
    return -1;
}

bool isCallEnded(CallStatus status)
{
    return callStatusRank(status) == 4;
}

} // namespace sb
