/**
 * The Stigmavrij mark: an open "S" drawn as one unbroken line in a rounded square. It is
 * decoration beside the name, which stays real text, so it is hidden from assistive technology.
 * public/favicon.svg draws the same mark.
 */
export function LogoMark({ size = 40 }: { size?: number }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="32" height="32" rx="8" fill="#5a2a82" />
      <path
        d="M21.5 10.2C20.3 8.8 18.3 8 16.2 8 13.1 8 10.8 9.8 10.8 12.2c0 5.4 10.6 3.4 10.6 8.6 0 2.4-2.4 4.2-5.4 4.2-2.3 0-4.3-.9-5.6-2.5"
        fill="none"
        stroke="#ffffff"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <circle cx="24.5" cy="24.5" r="2" fill="#f2b8d9" />
    </svg>
  );
}
