#pragma once

#include "domain/FollowUpTask.h"
#include "storage/SqlWorker.h"

namespace sb {

// The rule that turns a call that ended unanswered (no answer, busy, failed; either direction) into
// a follow-up task for the lead, due `delayMinutes` after it ended (settings key tasks.rules).
struct UnansweredCallRetry
{
    bool enabled = true;
    int delayMinutes = 120;

    static UnansweredCallRetry load(SqlContext &context);
    static void save(SqlContext &context, const UnansweredCallRetry &rule);
    QJsonObject toJson() const;
};

// In the writer's event chain (after scoring, before the fan-out): applies the follow-up rules to
// the events of each transaction, so the task is stored with the call that raised it.
class FollowUpRouter final : public EventRouter
{
public:
    explicit FollowUpRouter(EventRouter *inner)
        : m_inner(inner)
    { }
    int route(SqlContext &context, const DomainEvent &event) override;
    void invalidate() override
    {
        if (m_inner)
            m_inner->invalidate();
    }
    bool wants(SqlContext &context, const QString &eventType) override
    {
        return m_inner && m_inner->wants(context, eventType);
    }
    int relay(SqlContext &context, const ApiRequest &request, const QString &routeName) override
    {
        return m_inner ? m_inner->relay(context, request, routeName) : 0;
    }

private:
    EventRouter *m_inner;
    bool m_busy = false;
};

} // namespace sb
