#pragma once

#include "http/HttpTypes.h"
#include "server/Router.h"

#include <QObject>
#include <functional>

namespace sb {

class SqlWorker;

struct ReplayOutcome
{
    int status = 200; // of the replay itself: 404 unknown record, 409 not replayable, 503 stopped
    QString error; // set when the request could not be replayed
    QString originalId;
    QString replayId; // the new inbound record
    QString recordedStatus; // processed | duplicate | rejected
    ApiResponse response; // what the handler answered this time
};

// Replays a stored inbound request (issue 5 item 6; DESIGN.md "recorded, so it can be replayed once
// the secret is set"): the request is rebuilt from its stored raw head and body, keeps its arrival
// time (timestamp windows are judged as of then) and peer, and runs through its route's webhook
// handler on the server thread like a new request: verified with today's secrets, deduplicated,
// applied and recorded as a new record with replay_of pointing at the original.
class InboundReplay
{
public:
    using Dispatch = std::function<bool(ApiRequest, const QString &replayOf,
        std::function<void(const ApiResponse &, const QString &status)>)>;

    InboundReplay(SqlWorker &reader, Dispatch dispatch);

    // `done` is called in `context`'s thread (not at all if `context` is gone by then).
    void replay(const QString &id, QObject *context, std::function<void(const ReplayOutcome &)> done);

    // POST /api/webhooks/inbound/{id}/replay (seed 001 family: {"success": .., "message": ..}).
    static void registerRoute(Router &router, InboundReplay &replay);

private:
    SqlWorker &m_reader;
    Dispatch m_dispatch;
};

} // namespace sb
