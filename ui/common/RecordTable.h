#pragma once

class QTableView;

namespace sb {

// The look shared by the record tables (deliveries, webhooks, …): whole-row single selection,
// alternating rows without a grid, no row numbers, fixed row height, left-aligned headers.
void setUpRecordTable(QTableView *table, int rowPadding = 8);

// Rows inserted at the top while the user reads older ones must not push the rows under their
// eyes away: shift the scroll position by exactly the inserted height. At the very top the view
// stays put so that new rows come into sight. Connect to the model's rowsInserted.
void keepRowsInPlace(QTableView *table, int first, int last);

} // namespace sb
