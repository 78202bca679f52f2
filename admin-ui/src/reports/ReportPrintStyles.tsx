import { GlobalStyles } from '@mui/material';

/** Marks what the printed report leaves out: the period controls and the buttons. */
export const NOT_PRINTED = { 'data-print': 'hide' } as const;

/**
 * The printed report (印刷 → the browser's print dialog, or "Save as PDF"): A4 portrait, without the
 * app bar, the menu and the controls, each table kept on one page where it fits, so an official can
 * file it as it is. Only mounted with the reports page, so no other screen prints differently.
 */
export const ReportPrintStyles = () => (
  <GlobalStyles
    styles={{
      '@page': { size: 'A4 portrait', margin: '12mm 10mm' },
      '@media print': {
        // The react-admin layout: app bar, side menu, and the frame's room for the fixed app bar.
        'header.MuiAppBar-root, .RaSidebar-root, .MuiDrawer-root, [data-print="hide"]': { display: 'none !important' },
        '.RaLayout-appFrame': { marginTop: '0 !important' },
        '.RaLayout-content': { padding: '0 !important' },
        body: { backgroundColor: '#fff !important', printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' },
        '[data-report]': { marginTop: '0 !important' },
        '[data-report] .MuiCard-root': { boxShadow: 'none', breakInside: 'avoid' },
        '[data-report] table': { fontSize: '8pt' },
        '[data-report] .MuiTableCell-root': { padding: '2px 4px', lineHeight: 1.3 },
        '[data-report] .MuiTableContainer-root': { overflow: 'visible' },
        '[data-figure]': { breakInside: 'avoid' },
      },
    }}
  />
);
