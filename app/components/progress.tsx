/** A labelled progress bar whose value is also given as text (never by colour alone). */
export function ProgressBar({ label, value, text }: { label: string; value: number; text: string }) {
  return (
    <div className="progress">
      <span className="progress__text">{text}</span>
      <progress className="progress__bar" max={100} value={value} aria-label={label} />
    </div>
  );
}
