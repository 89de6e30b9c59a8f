import { expect, type Page } from '@playwright/test';

/**
 * Open a case by searching the queue for it. The click waits until the rows answer the search:
 * a click on the list while it still reorders (a save moved the case down, the search applied
 * after its debounce) can land on another case's row at the same place.
 */
export async function openBySearch(page: Page, caseId: string, query = `#${caseId}`): Promise<void> {
  await page.getByTestId('queue-search').fill(query);
  await expect(page.getByTestId('queue-list')).toHaveAttribute('data-search', query.trim(), { timeout: 45_000 });
  await page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`).click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId, { timeout: 45_000 });
}
