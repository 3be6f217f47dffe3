// *.module.scss typings exist only after a gulp build; tests and the workbench need them before.
declare module '*.scss' {
  const styles: { [className: string]: string };
  export default styles;
}
