#pragma once

#include "server/Router.h"

namespace sb {

// The conversations read API of seed 000 (admin key; /api/communications envelope: the resource or
// a list, errors {"detail": ".."}). Sending stays in SendRoutes (POST /api/conversations and
// POST /api/conversations/{id}/messages); these share the paths with GET:
//   GET  /api/conversations                 filters channel, lead_id, unread, updated_since,
//                                           include_archived; sort; keyset pages (cursor -> next_cursor)
//   GET  /api/conversations/{id}            the thread with its lead
//   GET  /api/conversations/{id}/messages   keyset pages both ways: before/after cursors, or
//                                           cursor + direction=older|newer
//   POST /api/conversations/{id}/read       unread_count = 0, raises conversation.read
void registerConversationApiRoutes(Router &router);

} // namespace sb
